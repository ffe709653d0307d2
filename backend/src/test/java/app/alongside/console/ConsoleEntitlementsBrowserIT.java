package app.alongside.console;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Local Offer in a real browser, each page passing axe-core at 1280 and 320 px: a council worker publishes a
 * local entitlement (problems next to their fields and in a summary at the top), changes it and withdraws it behind
 * a confirmation page; the gap counts are suppressed under 5 and only a shared gap carries a name; another
 * council's worker sees none of it; an advocate reads a shared gap's draft from the conversation.
 */
class ConsoleEntitlementsBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private static final String PUBLISH = """
            mutation($input: PublishLocalEntitlementInput!) { publishLocalEntitlement(input: $input) {
              entitlement { id version } } }""";
    private static final String NATIONAL = "{ nationalEntitlements { id key } }";
    private static final String TRACK = """
            mutation($input: TrackEntitlementInput!) { trackEntitlement(input: $input) { gaps { kind } } }""";
    private static final String SHARE = """
            mutation($input: ShareEntitlementGapInput!) { shareEntitlementGap(input: $input) {
              gap { sharedWith } } }""";
    private static final String VERSION = "query($id: ID!) { node(id: $id) { ... on Entitlement { version title } } }";
    private final ConsoleBrowser browser = BROWSER.get();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void aCouncilWorkerPublishesChangesAndWithdrawsALocalEntitlement() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.driver.findElement(By.linkText("Local Offer")).click();
        browser.heading("Local Offer: Northshire County Council");
        browser.waitForText("[aria-label='National entitlements']", "Setting Up Home Allowance");
        browser.check("local-offer");
        browser.driver.findElement(By.linkText("Publish a local entitlement")).click();
        browser.heading("Publish a local entitlement for your council");
        browser.field("Amount in pounds (optional)").sendKeys("lots");
        browser.button("Publish").click();
        browser.waitForText(".error-summary", "There is a problem");
        assertEquals("Error: Enter a title.", browser.errorFor(browser.field("Title")));
        assertEquals("Error: Enter the amount in pounds, like 1200 or 150.50.",
                browser.errorFor(browser.field("Amount in pounds (optional)")));
        assertEquals("Error: Enter the day it is offered from.", browser.dateError("Offered from"));
        assertTrue(browser.text(".error-summary").contains("Say how to claim it."), "every problem is summarised");
        browser.check("publish-entitlement-problems");

        fill("Council tax exemption");
        browser.button("Publish").click();
        browser.heading("Council tax exemption");
        browser.waitForText(".notification-banner", "Published: “Council tax exemption” is in the offer.");
        browser.check("entitlement-published");

        browser.driver.findElement(By.linkText("Change it (a new version)")).click();
        browser.heading("Change “Council tax exemption”");
        browser.field("Title").clear();
        browser.field("Title").sendKeys("Council tax exemption to 25");
        browser.button("Save the new version").click();
        browser.heading("Council tax exemption to 25");
        browser.waitForText(".notification-banner", "is now version 2");
        browser.waitForText("[aria-label='Earlier versions']", "Council tax exemption");
        browser.check("entitlement-changed");

        browser.driver.findElement(By.linkText("Withdraw it from the offer")).click();
        browser.heading("Withdraw “Council tax exemption to 25”?");
        browser.check("entitlement-withdraw-confirmation");
        browser.button("Yes, withdraw “Council tax exemption to 25”").click();
        assertEquals("Error: Say why it is withdrawn.", browser.errorFor(browser.field("Why it is withdrawn")));
        browser.field("Day").sendKeys("31");
        browser.field("Month").sendKeys("3");
        browser.field("Year").sendKeys("2027");
        browser.field("Why it is withdrawn").sendKeys("Replaced by the county-wide scheme.");
        browser.button("Yes, withdraw “Council tax exemption to 25”").click();
        browser.heading("Council tax exemption to 25");
        browser.waitForText(".notification-banner",
                "Withdrawn: “Council tax exemption to 25” is offered until 2027-03-31.");
        browser.check("entitlement-withdrawn");
    }

    @Test
    void anotherCouncilsWorkerDoesNotSeeItNorChangeIt() {
        String id = publishForCouncilA("Leisure pass");
        browser.signIn("laworkerb@example.test", Platform.PASSWORD);
        browser.driver.findElement(By.linkText("Local Offer")).click();
        browser.heading("Local Offer: Southvale Borough Council");
        browser.waitForText("main", "has not published any entitlements of its own yet");
        assertFalse(browser.text("main").contains("Leisure pass"), "council A's entitlement is not in B's offer");
        browser.go("#/entitlements/" + id + "/revise");
        browser.heading("Change “Leisure pass”");
        browser.field("Title").sendKeys(" for Southvale");
        browser.button("Save the new version").click();
        browser.waitForText(".error-summary", "There is a problem");
        browser.check("other-council-change-refused");
        Reply after = platform.as("laWorkerA").graphql(VERSION, Map.of("id", id));
        assertEquals(1, ((Number) Ops.at(after, "node", "version")).intValue(), after.body());
        assertEquals("Leisure pass", Ops.at(after, "node", "title"));
    }

    @Test
    void theCouncilSeesSuppressedCountsAndNamesOnlyForSharedGapsAndTheAdvocateSeesTheDraft() {
        YoungPersonApp kim = onboard("Kim");
        belowTheMinimum(kim, List.of("COUNCIL", "ADVOCATE"));
        belowTheMinimum(onboard("Quinn"), List.of());
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/local-offer");
        browser.heading("Local Offer: Northshire County Council");
        browser.waitForText("[aria-label='Gap counts']", "Allowance paid below the national minimum");
        WebElement row = browser.driver.findElement(By.xpath(
                "//tr[th[normalize-space()='Allowance paid below the national minimum']]/td"));
        assertEquals("fewer than 5", row.getText());
        String shared = browser.text("[aria-label='Shared gaps']");
        assertTrue(shared.contains("Kim"), shared);
        assertFalse(browser.text("main").contains("Quinn"), "a gap not shared carries no name");
        browser.check("local-offer-gap-figures");

        String thread = Ops.at(kim.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + thread);
        browser.heading("Conversation with Kim");
        browser.driver.findElement(By.linkText("Entitlements Kim shared")).click();
        browser.heading("Entitlements Kim shared with you");
        String draft = browser.driver.findElement(By.id("draft-ALLOWANCE_BELOW_MINIMUM")).getDomProperty("value");
        assertTrue(draft.toLowerCase(Locale.ROOT).contains("setting up home allowance"), draft);
        browser.check("advocate-shared-entitlements");
    }

    @Test
    void anAdminChoosesTheCouncil() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.driver.findElement(By.linkText("Local Offer")).click();
        browser.heading("Local Offer");
        new Select(browser.field("Council")).selectByVisibleText("Southvale Borough Council");
        browser.check("admin-local-offer-choose");
        browser.button("Show the offer").click();
        browser.heading("Local Offer: Southvale Borough Council");
        browser.waitForText("[aria-label='Gap counts']", "No personal adviser recorded");
    }

    private void fill(String title) {
        browser.field("Title").sendKeys(title);
        browser.field("What it is").sendKeys("You do not pay council tax on your home until you are 25.");
        browser.field("Who is eligible, in words").sendKeys("Care leavers aged 18 to 24 living in Northshire");
        browser.field("Former relevant").click();
        browser.field("From age (optional)").sendKeys("18");
        browser.field("Up to, not including, age (optional)").sendKeys("25");
        browser.field("Amount in pounds (optional)").clear();
        browser.field("Level of service (optional)").sendKeys("No council tax to pay");
        browser.field("How to claim").sendKeys("Tell your personal adviser.");
        browser.field("Source").sendKeys("Northshire Local Offer 2026");
        browser.field("Day").sendKeys("1");
        browser.field("Month").sendKeys("4");
        browser.field("Year").sendKeys("2026");
    }

    private String publishForCouncilA(String title) {
        Reply published = platform.as("laWorkerA").graphql(PUBLISH, Ops.input(Map.of("title", title,
                "summary", "Free entry to the council's pools and gyms.", "mission", "HEALTH",
                "eligibility", Map.of("summary", "Care leavers aged 18 to 24"), "level", "Free entry",
                "howToClaim", "Ask at reception.", "source", "Northshire Local Offer 2026",
                "effectiveFrom", "2026-04-01")));
        return Ops.at(published, "publishLocalEntitlement", "entitlement", "id");
    }

    /** Records the Setting Up Home Allowance received at £2,000, under the minimum, and shares the gap so. */
    private void belowTheMinimum(YoungPersonApp app, List<String> with) {
        List<Map<String, Object>> national = Ops.at(app.graphql(NATIONAL), "nationalEntitlements");
        String suha = national.stream().filter(e -> "setting-up-home-allowance".equals(e.get("key")))
                .map(e -> (String) e.get("id")).findFirst().orElseThrow();
        Reply tracked = app.graphql(TRACK, Ops.input(Map.of("entitlementId", suha, "state", "RECEIVED",
                "amountPence", 200000, "on", "2026-11-02", "visibility", "SHARED_WITH_ADVOCATE")));
        assertTrue(tracked.body().contains("ALLOWANCE_BELOW_MINIMUM"), tracked.body());
        Reply shared = app.graphql(SHARE, Ops.input(Map.of("kind", "ALLOWANCE_BELOW_MINIMUM", "with", with)));
        assertEquals(with, Ops.at(shared, "shareEntitlementGap", "gap", "sharedWith"), shared.body());
    }

    private YoungPersonApp onboard(String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return app;
    }
}

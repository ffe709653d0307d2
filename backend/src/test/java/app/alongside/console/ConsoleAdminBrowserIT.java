package app.alongside.console;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing in and the admin's pages in a real browser: a wrong password said clearly, every admin page passing
 * axe-core, script typed into fields shown as text, a request without its CSRF header refused visibly with
 * nothing changed, a session that ends mid-form, and a page of another role typed into the address bar.
 */
class ConsoleAdminBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();
    private static final String SCRIPT = "<img src=x onerror=\"window.hacked=1\"><script>window.hacked=2</script>";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void wrongPasswordIsSaidClearlyAndTheRightOneSignsIn() {
        browser.go("");
        browser.heading("Sign in");
        browser.check("sign-in");
        browser.field("Email address").sendKeys(TestServer.ADMIN_EMAIL);
        browser.field("Password").sendKeys("not the password at all");
        browser.button("Sign in").click();
        browser.waitForText(".form-error", "The email address or password is wrong");
        assertEquals("#/sign-in", browser.hash());
        assertEquals("", browser.field("Password").getDomProperty("value"), "the wrong password is not kept");
        assertNull(browser.sessionCookie(), "no session was started");
        browser.check("sign-in-wrong-password");

        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.heading("Welcome, Platform admin");
        browser.check("admin-home");
        browser.signOut();
        browser.waitForText(".notice", "You have signed out.");
        browser.go("#/organisations");
        browser.heading("Sign in");
    }

    @Test
    void keyboardAloneSignsInAndReachesAPageWithVisibleFocus() {
        browser.go("#/sign-in");
        browser.heading("Sign in");
        assertEquals("H1", browser.driver.switchTo().activeElement().getTagName().toUpperCase(),
                "a new page puts focus on its heading");
        var keys = new org.openqa.selenium.interactions.Actions(browser.driver);
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        WebElement skip = browser.driver.switchTo().activeElement();
        assertEquals("Skip to main content", skip.getText());
        assertTrue(visibleFocus(skip), "the focused skip link shows its focus");
        keys.sendKeys(Keys.ENTER).perform();
        keys.sendKeys(Keys.TAB).perform();
        WebElement email = browser.driver.switchTo().activeElement();
        assertEquals(browser.field("Email address"), email, "from main, the next stop is the first field");
        assertTrue(visibleFocus(email));
        keys.sendKeys(TestServer.ADMIN_EMAIL).sendKeys(Keys.TAB).sendKeys(TestServer.ADMIN_PASSWORD)
                .sendKeys(Keys.ENTER).perform();
        browser.heading("Welcome, Platform admin");
        assertEquals("H1", browser.driver.switchTo().activeElement().getTagName().toUpperCase(),
                "focus moves to the new page's heading");
        WebElement link = browser.driver.findElement(By.linkText("Organisations"));
        // The menu comes before the page, so from the heading it is Shift+Tab back to it, past the work queues.
        for (int i = 0; i < 20 && !link.equals(browser.driver.switchTo().activeElement()); i++) {
            keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
        assertEquals(link, browser.driver.switchTo().activeElement(), "the menu is reachable by Shift+Tab");
        keys.sendKeys(Keys.ENTER).perform();
        browser.heading("Organisations");
    }

    /** A focus indicator: an outline or a box shadow on the focused element. */
    private static boolean visibleFocus(WebElement element) {
        String outline = element.getCssValue("outline-style");
        String shadow = element.getCssValue("box-shadow");
        return !"none".equals(outline) || (shadow != null && !"none".equals(shadow));
    }

    @Test
    void everyAdminPagePassesAxeAndShowsItsData() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitForText("table", "Northshire County Council");
        browser.check("admin-organisations");
        browser.go("#/staff");
        browser.heading("Staff");
        browser.waitForText("ul.cards", "laWorkerA");
        browser.check("admin-staff");
        browser.go("#/moderation");
        browser.heading("Moderation queue");
        browser.check("admin-moderation");
        browser.go("#/phrases");
        browser.heading("Safeguarding phrases");
        browser.check("admin-phrases");
        browser.go("#/audit");
        browser.heading("Audit log");
        browser.waitForText("table", "Signed in");
        browser.check("admin-audit");
        browser.go("#/push");
        browser.heading("Push delivery");
        browser.waitForText("main", "No notifications match.");
        browser.check("admin-push");
        browser.go("#/password");
        browser.heading("Change your password");
        browser.check("change-password");
    }

    @Test
    void adminCreatesAnOrganisationAndStaffWithScriptInEveryFieldShownAsText() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.field("Name").sendKeys("Eastmoor Council " + SCRIPT);
        browser.button("Add organisation").click();
        browser.waitForText(".notice.success", "Added Eastmoor Council " + SCRIPT + ".");
        browser.waitForText("table", "Eastmoor Council " + SCRIPT);

        browser.go("#/staff");
        browser.heading("Staff");
        selectByText(browser.field("Organisation"), "Eastmoor Council " + SCRIPT);
        browser.field("Name").sendKeys("Sam " + SCRIPT);
        browser.field("Email address").sendKeys("sam@eastmoor.test");
        selectByText(browser.field("Role"), "Council worker");
        browser.field("First password").sendKeys("short");
        browser.button("Add staff member").click();
        WebElement name = browser.field("Name");
        assertEquals("Error: Use letters, spaces, apostrophes and hyphens only.", browser.errorFor(name));
        assertEquals("There is a problem", browser.driver.switchTo().activeElement()
                .findElement(By.tagName("h2")).getText(), "the error summary has focus");
        browser.check("admin-staff-errors");
        name.clear();
        name.sendKeys("Sam O'Neill-Eastmoor");
        browser.button("Add staff member").click();
        WebElement password = browser.field("First password");
        assertTrue(browser.errorFor(password).toLowerCase().contains("12"), browser.errorFor(password));
        password.clear();
        password.sendKeys("a long enough first password");
        browser.button("Add staff member").click();
        browser.waitForText(".notice.success", "Added Sam O'Neill-Eastmoor.");
        browser.waitForText("ul.cards", "Eastmoor Council " + SCRIPT);
        assertNull(browser.script("return window.hacked"), "nothing typed ran as script");
        assertTrue(browser.driver.findElements(By.cssSelector("main img, main script")).isEmpty());
        browser.check("admin-staff-created");
    }

    @Test
    void adminResetsAPasswordDeactivatesStaffEditsPhrasesAndSearchesTheAudit() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/staff");
        browser.heading("Staff");
        browser.waitUntil(d -> d.findElement(By.xpath("//summary[text()='Reset the password of corporate']"))).click();
        WebElement reset = browser.field("New password");
        reset.sendKeys("short");
        browser.button("Set new password").click();
        assertTrue(browser.errorFor(reset).contains("12"), browser.errorFor(reset));
        reset.clear();
        reset.sendKeys("a fresh passphrase for the trust");
        browser.button("Set new password").click();
        browser.waitForText(".notice.success", "The password of corporate has been reset");
        assertEquals(200, Console.login(http, "corporate@example.test", "a fresh passphrase for the trust")
                .status());

        browser.driver.findElement(By.linkText("Deactivate otherAdvocate")).click();
        browser.heading("Are you sure you want to deactivate otherAdvocate?");
        browser.button("Yes, deactivate otherAdvocate").click();
        browser.waitForText(".notice.success", "otherAdvocate is deactivated and signed out.");
        browser.waitForText("ul.cards", "otherAdvocate");
        assertEquals(401, Console.login(http, "otheradvocate@example.test", Platform.PASSWORD).status());

        browser.go("#/phrases");
        browser.heading("Safeguarding phrases");
        WebElement phrases = browser.field("Phrases, one a line");
        phrases.sendKeys("\nnowhere <b>safe</b> to sleep");
        browser.button("Save phrases").click();
        browser.waitForText(".notice.success", "Saved");
        var list = platform.admin.graphql("{ safeguardingPhrases { phrases } }");
        List<String> saved = Ops.at(list, "safeguardingPhrases", "phrases");
        assertTrue(saved.contains("nowhere b safe b to sleep"), "saved as the server normalises it: " + list.body());
        assertTrue(browser.field("Phrases, one a line").getDomProperty("value").contains("nowhere b safe b to sleep"),
                "the page shows the list as saved");

        browser.go("#/audit");
        browser.heading("Audit log");
        new Select(browser.field("What they did")).selectByVisibleText("Deleted or deactivated");
        browser.button("Search").click();
        browser.waitForText("table", "otherAdvocate (staff account)");
        browser.check("admin-audit-search");
    }

    /**
     * An admin changes an organisation's name and the councils it serves. A name another organisation has is
     * refused next to the field and nothing changes; a new name and a second council are saved.
     */
    @Test
    void adminChangesAnOrganisationWithTheErrorByItsField() {
        Reply created = platform.admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "Fenland Advocacy",
                "kind", "ADVOCACY_SERVICE", "servesLocalAuthorityIds", List.of(platform.councilA))));
        String fenland = Ops.at(created, "createOrganisation", "organisation", "id");
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitUntil(d -> d.findElement(By.xpath(
                "//tr[td[1][normalize-space()='Fenland Advocacy']]//button"))).click();
        browser.waitUntil(d -> "Change Fenland Advocacy".equals(d.switchTo().activeElement().getText()));
        WebElement name = browser.field("Name");
        assertEquals("Fenland Advocacy", name.getDomProperty("value"));
        assertEquals(List.of("Northshire County Council"), new Select(browser.field("Councils served"))
                .getAllSelectedOptions().stream().map(WebElement::getText).toList(), "the councils it serves now");
        name.clear();
        name.sendKeys("Southvale Borough Council");
        browser.button("Save changes").click();
        assertEquals("Error: An organisation with that name already exists.", browser.errorFor(name));
        browser.driver.findElement(By.linkText("Name: An organisation with that name already exists.")).click();
        assertEquals(name, browser.driver.switchTo().activeElement(), "the summary's link moves focus to the field");
        assertEquals("Fenland Advocacy", Ops.at(organisation(fenland), "node", "name"), "nothing changed");
        browser.check("admin-organisation-change-error");

        name.clear();
        name.sendKeys("Fenland and Southvale Advocacy");
        new Select(browser.field("Councils served")).selectByVisibleText("Southvale Borough Council");
        browser.button("Save changes").click();
        browser.waitForText(".notice.success", "Saved the changes to Fenland and Southvale Advocacy.");
        browser.waitForText("table", "Fenland and Southvale Advocacy");
        Reply saved = organisation(fenland);
        assertEquals("Fenland and Southvale Advocacy", Ops.at(saved, "node", "name"), saved.body());
        List<Map<String, String>> serves = Ops.at(saved, "node", "servesLocalAuthorities");
        assertEquals(List.of("Northshire County Council", "Southvale Borough Council"),
                serves.stream().map(c -> c.get("name")).sorted().toList(), saved.body());
        assertTrue(browser.driver.findElements(By.xpath("//h2[text()='Change Fenland Advocacy']")).isEmpty(),
                "the form closes once saved");
        browser.check("admin-organisation-changed");
    }

    @Test
    void adminGivesACouncilItsRegion() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitUntil(d -> d.findElement(By.xpath(
                "//tr[td[1][normalize-space()='Southvale Borough Council']]//button"))).click();
        browser.waitUntil(d -> "Change Southvale Borough Council".equals(d.switchTo().activeElement().getText()));
        new Select(browser.field("Region")).selectByVisibleText("Yorkshire and the Humber");
        browser.button("Save changes").click();
        browser.waitForText(".notice.success", "Saved the changes to Southvale Borough Council.");
        browser.waitForText("table", "Yorkshire and the Humber");
        Reply saved = platform.admin.graphql("query O($id: ID!) { node(id: $id) { ... on Organisation { region } } }",
                Map.of("id", platform.councilB));
        assertEquals("YORKSHIRE_AND_THE_HUMBER", Ops.at(saved, "node", "region"), saved.body());
        browser.check("admin-organisation-region");
    }

    private Reply organisation(String id) {
        return platform.admin.graphql("query O($id: ID!) { node(id: $id) { ... on Organisation { name "
                + "servesLocalAuthorities { name } } } }", Map.of("id", id));
    }

    @Test
    void aRequestWithoutItsCsrfTokenIsRefusedVisiblyAndChangesNothing() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitForText("table", "Northshire County Council");
        browser.script("const s = JSON.parse(sessionStorage.getItem('alongside.session')); delete s.csrfToken;"
                + "sessionStorage.setItem('alongside.session', JSON.stringify(s));");
        browser.field("Name").sendKeys("Forged Council");
        browser.button("Add organisation").click();
        browser.waitForText(".form-error", "could not be verified, so nothing was changed");
        assertFalse(organisationNames().contains("Forged Council"));
        browser.button("Add organisation").click();
        browser.waitForText(".notice.success", "Added Forged Council.");
        assertTrue(organisationNames().contains("Forged Council"), "the token was fetched again; a retry works");
    }

    @Test
    void aSessionThatEndsMidFormSendsTheUserToSignInAndKeepsNothingInTheAddress() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.field("Name").sendKeys("Half-typed Council");
        String cookie = browser.sessionCookie().getValue();
        var ended = http.send(http.request("/auth/logout").header("Cookie", "alongside_session=" + cookie)
                .header("X-CSRF-Token", browser.csrfToken()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, ended.status(), ended.body());
        browser.button("Add organisation").click();
        browser.heading("Sign in");
        browser.waitForText(".notice.error", "Your session has ended, so nothing was saved");
        assertEquals("#/sign-in", browser.hash());
        assertFalse(browser.driver.getCurrentUrl().contains("Half-typed"), browser.driver.getCurrentUrl());
        assertFalse(organisationNames().contains("Half-typed Council"));
        browser.check("session-ended");
    }

    @Test
    void anotherRolesPageTypedIntoTheAddressBarIsNotAvailable() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        for (String page : List.of("#/inbox", "#/invite", "#/opportunities/new", "#/allocations")) {
            browser.go(page);
            browser.heading("Not available for your role");
            browser.waitForText("main", "Nothing was read or changed.");
        }
        browser.check("not-available");
    }

    @Test
    void changingPasswordShowsErrorsByTheFieldAndWorks() {
        browser.signIn("lawormerb@example.test".replace("lawormerb", "laworkerb"), Platform.PASSWORD);
        browser.go("#/password");
        browser.heading("Change your password");
        browser.field("Current password").sendKeys(Platform.PASSWORD);
        browser.field("New password").sendKeys("short");
        browser.button("Change password").click();
        assertFalse(browser.errorFor(browser.field("New password")).isBlank());
        browser.field("Current password").clear();
        browser.field("Current password").sendKeys(Platform.PASSWORD);
        browser.field("New password").clear();
        browser.field("New password").sendKeys("a brand new and long passphrase");
        browser.button("Change password").click();
        browser.waitForText(".notice.success", "Your password has been changed.");
        browser.check("change-password-done");
        browser.signOut();
        browser.signIn("laworkerb@example.test", "a brand new and long passphrase");
        browser.heading("Welcome, laWorkerB");
    }

    private List<String> organisationNames() {
        var reply = platform.admin.graphql("{ organisations(first: 100) { edges { node { name } } } }");
        List<Map<String, Map<String, String>>> edges = Ops.at(reply, "organisations", "edges");
        return edges.stream().map(e -> e.get("node").get("name")).toList();
    }

    private static void selectByText(WebElement select, String text) {
        new Select(select).selectByVisibleText(text);
    }
}

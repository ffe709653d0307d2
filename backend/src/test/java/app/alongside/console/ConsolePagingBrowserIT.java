package app.alongside.console;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lists past their first page (50 items): "Show more" follows the connection's cursor, appends the next page,
 * moves focus to the first new item and says how many came; the button goes once there is nothing more. Its own
 * server, so the 50 extra organisations it adds push nobody else's data off a first page.
 */
class ConsolePagingBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();
    private static final int PAGE = 50;
    private final Platform platform = SERVER.platform();

    @Test
    void showMoreReachesEveryOrganisationAndAuditEventPastTheFirstPage() {
        for (int i = 1; i <= PAGE; i++) {
            Reply created = platform.admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of(
                    "name", "Paging Council " + i, "kind", "LOCAL_AUTHORITY")));
            assertEquals(List.of(), Ops.at(created, "createOrganisation", "userErrors"), created.body());
        }
        int total = organisationCount();
        assertTrue(total > PAGE && total <= 2 * PAGE, "one more page to show: " + total);

        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitUntil(d -> rows().size() == PAGE);
        assertFalse(rows().stream().anyMatch(r -> r.getText().startsWith("Northshire County Council")),
                "the oldest organisations are past the first page, newest first");
        browser.check("admin-organisations-first-page");
        browser.button("Show more organisations").click();
        browser.waitUntil(d -> rows().size() == total);
        assertEquals(rows().get(PAGE), browser.driver.switchTo().activeElement(),
                "focus moves to the first new row");
        browser.waitForText("[role=status]", (total - PAGE) + " more organisations shown, " + total
                + " in all. That is all of them.");
        assertTrue(browser.driver.findElements(By.xpath("//button[text()='Show more organisations']")).stream()
                .noneMatch(WebElement::isDisplayed), "nothing more to show");
        assertTrue(rows().stream().anyMatch(r -> r.getText().startsWith("Northshire County Council")));
        browser.check("admin-organisations-all");

        // Every create above was audited, so the audit log is past its first page too.
        browser.go("#/audit");
        browser.heading("Audit log");
        browser.waitUntil(d -> rows().size() == PAGE);
        browser.button("Show more events").click();
        browser.waitUntil(d -> rows().size() > PAGE);
        assertEquals(rows().get(PAGE), browser.driver.switchTo().activeElement());
        browser.waitForText("[role=status]", "more events shown");
        browser.check("admin-audit-more");
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("main tbody tr"));
    }

    private int organisationCount() {
        Reply reply = platform.admin.graphql("{ organisations(first: 100) { edges { node { id } } "
                + "pageInfo { hasNextPage } } }");
        assertEquals(Boolean.FALSE, Ops.at(reply, "organisations", "pageInfo", "hasNextPage"), reply.body());
        List<?> edges = Ops.at(reply, "organisations", "edges");
        return edges.size();
    }
}

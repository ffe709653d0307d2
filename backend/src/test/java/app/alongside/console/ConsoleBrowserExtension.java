package app.alongside.console;

import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium per test class, on the class's server, each test starting signed out on a freshly loaded
 * page. Register it after the server ({@code @Order}), so the server is up when the browser opens:
 * <pre>
 * &#64;Order(1) &#64;RegisterExtension static final ServerExtension SERVER = ...;
 * &#64;Order(2) &#64;RegisterExtension
 * static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
 * private final ConsoleBrowser browser = BROWSER.get();
 * </pre>
 */
final class ConsoleBrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final ServerExtension server;
    private ConsoleBrowser browser;

    ConsoleBrowserExtension(ServerExtension server) {
        this.server = server;
    }

    /** The class's browser, opened before any test instance exists. */
    ConsoleBrowser get() {
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = ConsoleBrowser.open(server.server().baseUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser.startSignedOut();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}

/**
 * Browser tests of the staff console (admin-console, served under /console): real headless Chromium driven by
 * Selenium through chromedriver, against a real server, with axe-core run on every page.
 */
package app.alongside.console;

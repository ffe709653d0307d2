package app.alongside.opportunities;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The safe Markdown subset renders a few things, and any HTML a poster typed only ever as text. */
class SafeMarkdownTest {
    @Test
    void rendersTheSubset() {
        assertEquals("<p>A <strong>paid</strong> <em>role</em></p>\n<ul><li>one</li><li>two</li></ul>",
                SafeMarkdown.toHtml("A **paid** *role*\n\n- one\n- two", Opportunity.TextFormat.MARKDOWN));
        assertEquals("<p><a href=\"https://nhs.example/jobs\" rel=\"nofollow noopener noreferrer\">apply</a></p>",
                SafeMarkdown.toHtml("[apply](https://nhs.example/jobs)", Opportunity.TextFormat.MARKDOWN));
    }

    @Test
    void everyTagIsText() {
        assertEquals("<p>&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;</p>",
                SafeMarkdown.toHtml("<img src=x onerror=alert(1)> & <script>", Opportunity.TextFormat.MARKDOWN));
        assertEquals("<p>[x](javascript:alert(1))</p>",
                SafeMarkdown.toHtml("[x](javascript:alert(1))", Opportunity.TextFormat.MARKDOWN));
        assertEquals("<p>**not bold** in plain text</p>",
                SafeMarkdown.toHtml("**not bold** in plain text", Opportunity.TextFormat.PLAIN));
    }
}

package app.alongside.opportunities;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the safe Markdown subset of descriptions to HTML: paragraphs, {@code - } lists, bold, italic and
 * https links. Everything is HTML-escaped first, so any tag a poster typed shows as text wherever it is shown.
 */
public final class SafeMarkdown {
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("\\*(.+?)\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https://[^\\s()\"'<>]+)\\)");

    private SafeMarkdown() {
    }

    public static String toHtml(String text, Opportunity.TextFormat format) {
        List<String> blocks = new ArrayList<>();
        for (String block : text.strip().split("\\n\\s*\\n")) {
            blocks.add(format == Opportunity.TextFormat.MARKDOWN ? markdownBlock(block) : paragraph(escape(block)));
        }
        return String.join("\n", blocks);
    }

    private static String markdownBlock(String block) {
        String[] lines = block.split("\\n");
        boolean list = java.util.Arrays.stream(lines).allMatch(l -> l.stripLeading().startsWith("- "));
        if (list) {
            StringBuilder html = new StringBuilder("<ul>");
            for (String line : lines) {
                html.append("<li>").append(inline(escape(line.stripLeading().substring(2)))).append("</li>");
            }
            return html.append("</ul>").toString();
        }
        return paragraph(inline(escape(block)));
    }

    private static String paragraph(String escaped) {
        return "<p>" + escaped.replace("\n", "<br>") + "</p>";
    }

    private static String inline(String escaped) {
        String html = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
        html = ITALIC.matcher(html).replaceAll("<em>$1</em>");
        Matcher links = LINK.matcher(html);
        return links.replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group(2)
                + "\" rel=\"nofollow noopener noreferrer\">" + m.group(1) + "</a>"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

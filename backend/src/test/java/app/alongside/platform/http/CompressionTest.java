package app.alongside.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompressionTest {
    @Test
    void negotiatesByQuality() {
        assertEquals(Optional.of("br"), Compression.negotiate(accept("gzip, deflate, br"), true));
        assertEquals(Optional.of("gzip"), Compression.negotiate(accept("gzip, deflate, br"), false));
        assertEquals(Optional.of("gzip"), Compression.negotiate(accept("br;q=0.5, gzip"), true));
        assertEquals(Optional.of("br"), Compression.negotiate(accept("*"), true));
        assertEquals(Optional.of("gzip"), Compression.negotiate(accept("GZIP;q=0.5"), true));
        assertEquals(Optional.empty(), Compression.negotiate(accept("gzip;q=0, *;q=0"), true));
        assertEquals(Optional.of("br"), Compression.negotiate(accept("gzip;q=0, *"), true));
        assertEquals(Optional.empty(), Compression.negotiate(accept("identity"), true));
        assertEquals(Optional.empty(), Compression.negotiate(WritableHeaders.create(), true));
    }

    @Test
    void alreadyCompressedTypesAreLeftAlone() {
        for (String type : new String[] {"image/png", "image/webp", "font/woff2", "application/zip", "video/mp4",
                "application/octet-stream"}) {
            assertFalse(Compression.compressible(Optional.of(type)), type);
        }
        for (String type : new String[] {"application/json", "application/graphql-response+json; charset=UTF-8",
                "text/javascript", "text/css", "image/svg+xml"}) {
            assertTrue(Compression.compressible(Optional.of(type)), type);
        }
    }

    @Test
    void aPngOverTheThresholdGoesOutUnchanged() throws IOException {
        ServerResponseHeaders headers = ServerResponseHeaders.create();
        headers.set(HeaderNames.CONTENT_TYPE, "image/png");
        headers.set(HeaderNames.CONTENT_LENGTH, "5000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] png = new byte[5000];
        try (var stream = new Compression.CompressingStream(out, headers, () -> Status.OK_200, 1024,
                "gzip")) {
            stream.write(png);
        }
        assertArrayEquals(png, out.toByteArray());
        assertFalse(headers.contains(HeaderNames.CONTENT_ENCODING));
        assertEquals("5000", headers.first(HeaderNames.CONTENT_LENGTH).orElseThrow());
    }

    @Test
    void aCompressedBodyGoesOutWithItsOwnLength() throws IOException {
        ServerResponseHeaders headers = ServerResponseHeaders.create();
        headers.set(HeaderNames.CONTENT_TYPE, "text/javascript");
        headers.set(HeaderNames.CONTENT_LENGTH, "5000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] script = "console.log('x');\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        try (var stream = new Compression.CompressingStream(out, headers, () -> Status.OK_200, 1024, "gzip")) {
            stream.write(script);
        }
        assertEquals("gzip", headers.first(HeaderNames.CONTENT_ENCODING).orElseThrow());
        assertEquals(String.valueOf(out.size()), headers.first(HeaderNames.CONTENT_LENGTH).orElseThrow());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertArrayEquals(script, in.readAllBytes());
        }
    }

    private static WritableHeaders<?> accept(String value) {
        return WritableHeaders.create().set(HeaderNames.ACCEPT_ENCODING, value);
    }
}

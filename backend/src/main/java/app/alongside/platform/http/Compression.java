package app.alongside.platform.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Response compression, negotiated by {@code Accept-Encoding}: brotli where the client prefers it (or likes it as
 * well as gzip) and its native library loaded, else gzip, for answers over a threshold (1 KB), never for content
 * that is compressed already (images, audio, video, fonts, archives) nor for one that carries a
 * {@code Content-Encoding} of its own. Helidon's own gzip module is not served here; the JDK's gzip is enough, and
 * brotli4j brings brotli. The body is held until it passes the threshold, so small answers go out as they are,
 * with their length.
 *
 * @param threshold the smallest body, in bytes, that is compressed
 * @param brotli    whether brotli may be offered (brotli4j's native library loaded on this platform)
 */
public record Compression(int threshold, boolean brotli) {
    public static final int DEFAULT_THRESHOLD = 1024;
    static final String GZIP = "gzip";
    static final String BROTLI = "br";
    /** Brotli's quality for answers made on the fly: most of its gain at a fraction of the top level's time. */
    private static final int BROTLI_QUALITY = 5;
    private static final Set<String> COMPRESSED_TYPES = Set.of("application/zip", "application/gzip",
            "application/x-gzip", "application/zstd", "application/x-7z-compressed", "application/x-bzip2",
            "application/pdf", "application/octet-stream", "font/woff", "font/woff2");

    /** Whether brotli4j's native library loaded here; tells the log once why not. */
    public static boolean brotliAvailable() {
        if (Brotli4jLoader.isAvailable()) {
            return true;
        }
        Logger.getLogger(Compression.class.getName()).warning("brotli is not offered: "
                + Brotli4jLoader.getUnavailabilityCause());
        return false;
    }

    /** The filter that negotiates and compresses every HTTP response. */
    public Filter filter() {
        return (chain, req, res) -> {
            if (req.prologue().method() == Method.HEAD) {
                chain.proceed();
                return;
            }
            String vary = String.join(", ", res.headers().all(HeaderNames.VARY, List::of));
            res.header(HeaderNames.VARY, vary.isEmpty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
            Optional<String> coding = negotiate(req.headers(), brotli);
            if (coding.isPresent()) {
                ServerResponseHeaders headers = res.headers();
                res.streamFilter(out -> new CompressingStream(out, headers, res::status, threshold, coding.get()));
            }
            chain.proceed();
        };
    }

    /**
     * The coding to answer with: {@code br} when offered and liked at least as well as gzip, else {@code gzip}; a
     * q-value of 0 refuses a coding, {@code *} stands for those not named, and no {@code Accept-Encoding} asks for
     * none.
     */
    static Optional<String> negotiate(Headers request, boolean brotli) {
        double gzip = -1;
        double br = -1;
        double any = -1;
        for (String value : request.all(HeaderNames.ACCEPT_ENCODING, List::of)) {
            for (String part : value.split(",")) {
                String[] pieces = part.split(";");
                String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
                switch (coding) {
                    case GZIP, "x-gzip" -> gzip = quality(pieces);
                    case BROTLI -> br = quality(pieces);
                    case "*" -> any = quality(pieces);
                    default -> {
                    }
                }
            }
        }
        double gzipQ = gzip >= 0 ? gzip : any;
        double brQ = br >= 0 ? br : any;
        if (brotli && brQ > 0 && brQ >= gzipQ) {
            return Optional.of(BROTLI);
        }
        return gzipQ > 0 ? Optional.of(GZIP) : Optional.empty();
    }

    private static double quality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String parameter = pieces[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** True when a body of this type gains from gzip: not compressed already. */
    static boolean compressible(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String type = contentType.get().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return type.equals("image/svg+xml");
        }
        return !type.startsWith("audio/") && !type.startsWith("video/") && !COMPRESSED_TYPES.contains(type);
    }

    /**
     * Holds the body until it passes the threshold, then decides. A body that stays under the threshold, or is not
     * to be compressed, goes out unchanged. A compressed one is compressed in memory and goes out whole when the
     * stream is closed, with {@code Content-Encoding} and its own {@code Content-Length}: Helidon frames a body by
     * the headers it finds when the handler opens the stream, and a handler that set the plain length (static
     * content does) would otherwise send an unframed body that a keep-alive client waits on forever.
     */
    static final class CompressingStream extends OutputStream {
        private final OutputStream out;
        private final ServerResponseHeaders headers;
        private final Supplier<Status> status;
        private final int threshold;
        private final String coding;
        private ByteArrayOutputStream held = new ByteArrayOutputStream();
        private ByteArrayOutputStream compressed;
        private OutputStream target;

        CompressingStream(OutputStream out, ServerResponseHeaders headers, Supplier<Status> status, int threshold,
                          String coding) {
            this.out = out;
            this.headers = headers;
            this.status = status;
            this.threshold = threshold;
            this.coding = coding;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (target != null) {
                target.write(bytes, offset, length);
                return;
            }
            held.write(bytes, offset, length);
            if (held.size() > threshold) {
                decide(true);
            }
        }

        @Override
        public void flush() throws IOException {
            if (target != null) {
                target.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (target == null) {
                decide(false);
            }
            target.close();
            if (compressed != null) {
                headers.set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, String.valueOf(compressed.size())));
                compressed.writeTo(out);
                out.close();
            }
        }

        private void decide(boolean overThreshold) throws IOException {
            int code = status.get().code();
            boolean compress = overThreshold && code != Status.NO_CONTENT_204.code()
                    && code != Status.NOT_MODIFIED_304.code()
                    && !headers.contains(HeaderNames.CONTENT_ENCODING)
                    && compressible(headers.first(HeaderNames.CONTENT_TYPE));
            if (compress) {
                headers.set(HeaderValues.create(HeaderNames.CONTENT_ENCODING, coding));
                compressed = new ByteArrayOutputStream(held.size() / 4);
                target = coding.equals(BROTLI)
                        ? new BrotliOutputStream(compressed, new Encoder.Parameters().setQuality(BROTLI_QUALITY))
                        : new GZIPOutputStream(compressed, 8192);
            } else {
                target = out;
            }
            held.writeTo(target);
            held = null;
        }
    }
}

package app.alongside.platform.http;

import app.alongside.platform.config.Settings;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who the client is, for rate limits. Behind a load balancer every request comes from the balancer, so when the
 * peer is one of {@code TRUSTED_PROXIES} the address is the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy; from anyone else the header is ignored, so it cannot be spoofed. IPv6 clients count by their
 * /64, which one household or phone can otherwise vary at will.
 */
public final class ClientAddresses {
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private final Set<String> trustedProxies;

    /** From {@code trusted-proxies}: the proxies' addresses, separated by commas. */
    public static ClientAddresses from(Settings settings) {
        return new ClientAddresses(settings.get("trusted-proxies").map(list -> Set.of(list.split(",")))
                .orElse(Set.of()));
    }

    public ClientAddresses(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(ClientAddresses::canonical).toList());
    }

    public String resolve(SocketAddress peer, Headers headers) {
        String address = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(peer);
        if (trustedProxies.contains(canonical(address))) {
            List<String> hops = new ArrayList<>();
            headers.all(HeaderNames.X_FORWARDED_FOR, List::of)
                    .forEach(value -> hops.addAll(Arrays.stream(value.split(",")).map(String::trim).toList()));
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (!hops.get(i).isEmpty() && !trustedProxies.contains(canonical(hops.get(i)))) {
                    address = hops.get(i);
                    break;
                }
            }
        }
        return rateKey(address);
    }

    static String rateKey(String address) {
        try {
            byte[] bytes = literal(address).getAddress();
            if (bytes.length == 16) {
                byte[] prefix = Arrays.copyOf(bytes, 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String canonical(String address) {
        try {
            return literal(address.trim()).getHostAddress();
        } catch (UnknownHostException e) {
            return address.trim();
        }
    }

    /** Parses an IP literal; anything else (a host name) is refused rather than looked up in DNS. */
    private static InetAddress literal(String text) throws UnknownHostException {
        if (!LITERAL.matcher(text).matches()) {
            throw new UnknownHostException(text);
        }
        return InetAddress.getByName(text);
    }
}

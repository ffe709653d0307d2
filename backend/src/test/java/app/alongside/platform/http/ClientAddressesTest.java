package app.alongside.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the client address for rate limits is worked out. */
class ClientAddressesTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 40000);

    @Test
    void theForwardedClientCountsOnlyBehindATrustedProxy() {
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.add(HeaderNames.X_FORWARDED_FOR, "198.51.100.9, 203.0.113.4, 10.0.0.6");
        assertEquals("203.0.113.4", new ClientAddresses(Set.of("10.0.0.5", "10.0.0.6")).resolve(PROXY, headers),
                "the right-most address that is not a trusted proxy; what the client wrote before it is ignored");
        assertEquals("10.0.0.5", new ClientAddresses(Set.of()).resolve(PROXY, headers));
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddresses.rateKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("192.0.2.1", ClientAddresses.rateKey("192.0.2.1"));
        assertEquals("not-an-address", ClientAddresses.rateKey("not-an-address"));
    }
}

package io.toolgate.declarative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses, once per outbound request. A seam so that tests can make names resolve to
 * internal addresses (no hosts file or DNS server needed) and see that the client connects to what was checked.
 */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}

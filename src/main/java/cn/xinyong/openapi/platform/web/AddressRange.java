package cn.xinyong.openapi.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is the
 * range of that one address ({@code /32}, {@code /128}). Only literals are read: a host name is refused, never
 * looked up. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) counts as the IPv4 address it maps.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Reads {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static AddressRange parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.7, fd00::/8)"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("\"" + text + "\": the prefix length must be a number from 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        for (int bit = prefix; bit < bits; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                throw new IllegalArgumentException("\"" + text + "\" has host bits set beyond /" + prefix
                        + " (did you mean " + network(bytes, prefix) + "/" + prefix + "?)");
            }
        }
        return new AddressRange(bytes, prefix, text);
    }

    /** The bytes of an IPv4 (4) or IPv6 (16) address literal; empty for anything else (never a DNS lookup). */
    public static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                    return Optional.empty();
                }
                bytes[i] = (byte) value;
            }
            return Optional.of(bytes);
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            try {
                // Starting with a hex digit or a colon and holding a colon, the JDK reads it as an IPv6 literal or
                // refuses it; it never resolves it as a host name.
                return Optional.of(InetAddress.getByName(text).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether the address (bytes of the same family) lies in this range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /** Whether the address literal lies in this range; false for anything that is not an address literal. */
    public boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    private static String network(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(masked).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

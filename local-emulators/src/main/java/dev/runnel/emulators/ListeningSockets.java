package dev.runnel.emulators;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from Linux's /proc (what {@code ss -ltnp} shows), to check that an
 * emulator listens on loopback only. Empty where there is no /proc.
 */
public final class ListeningSockets {
  private ListeningSockets() {}

  /** The local addresses ("127.0.0.1:4567", "0.0.0.0:8000", "[::]:8000") the process {@code pid} listens on. */
  public static List<String> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    if (!Files.isDirectory(Path.of("/proc/net"))) {
      return List.of();
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    } catch (IOException processGone) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields[3].equals("0A") && inodes.contains(fields[9])) { // 0A: LISTEN
          addresses.add(address(fields[1]));
        }
      }
    }
    return addresses;
  }

  /** True when the address (as {@link #of} writes it) is on loopback: 127.x.x.x, ::1 or ::ffff:127.x.x.x. */
  public static boolean loopback(String address) {
    String host = address.substring(0, address.lastIndexOf(':')).replace("[", "").replace("]", "");
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    byte[] raw = new BigInteger(parts[0], 16).toByteArray();
    int length = parts[0].length() / 2;
    byte[] bytes = new byte[length];
    System.arraycopy(raw, Math.max(0, raw.length - length), bytes, Math.max(0, length - raw.length),
        Math.min(length, raw.length));
    // /proc writes each 32-bit word in host (little-endian) order
    for (int word = 0; word < length; word += 4) {
      for (int i = 0; i < 2; i++) {
        byte swap = bytes[word + i];
        bytes[word + i] = bytes[word + 3 - i];
        bytes[word + 3 - i] = swap;
      }
    }
    try {
      java.net.InetAddress host = java.net.InetAddress.getByAddress(bytes);
      return host instanceof java.net.Inet6Address ? "[" + host.getHostAddress() + "]:" + port
          : host.getHostAddress() + ":" + port;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}

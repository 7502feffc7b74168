package org.massbalance.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Thrown when a local service cannot listen because its TCP port is already taken. */
public final class PortInUseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String service;
  private final int port;

  /** A port-in-use failure of {@code service} on {@code host:port}. */
  public PortInUseException(String service, String host, int port) {
    super(service + ": port " + port + " on " + host + " is already in use");
    this.service = service;
    this.port = port;
  }

  /** The service that could not start, e.g. {@code kafka}. */
  public String service() {
    return service;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }

  /**
   * Throws when {@code host:port} cannot be bound right now; port 0 always passes.
   *
   * @param service name used in the message
   */
  public static void checkFree(String service, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new PortInUseException(service, host, port);
    }
  }

  /**
   * {@code n} different ports that were free on {@code host} a moment ago: each socket stays bound
   * until all are, so the system cannot hand out one port twice.
   */
  public static int[] freePorts(String host, int n) {
    java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
    }
  }

  /** A port that was free on {@code host} a moment ago. */
  public static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }
}

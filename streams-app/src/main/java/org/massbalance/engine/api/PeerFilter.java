package org.massbalance.engine.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Runs before every route: sets the {@link SecurityHeaders}, and decides whether the request's
 * {@code X-Massbalance-Forwarded} header comes from another instance. A peer's (the header names
 * the internal secret, or the API is open and has none) is marked with the {@link #PEER} attribute;
 * anyone else's is removed, so the request is served as any client's (gathered from every instance,
 * its token checked), and counted as {@code forged_forwarded}.
 */
final class PeerFilter implements Filter {

  /** Request attribute set on a request forwarded by a peer. */
  static final String PEER = "massbalance.peer";

  private final ApiAccess access;
  private final AuthFailures failures;
  private final boolean https;

  PeerFilter(ApiAccess access, AuthFailures failures, boolean https) {
    this.access = access;
    this.failures = failures;
    this.https = https;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse res = (HttpServletResponse) response;
    SecurityHeaders.forEach(https, res::setHeader);
    HttpServletRequest req = (HttpServletRequest) request;
    String forwarded = req.getHeader(InstanceRouter.FORWARDED);
    if (forwarded == null) {
      chain.doFilter(request, response);
    } else if (access.isPeer(forwarded)) {
      req.setAttribute(PEER, Boolean.TRUE);
      chain.doFilter(request, response);
    } else {
      failures.count("forged_forwarded");
      chain.doFilter(new WithoutHeader(req, InstanceRouter.FORWARDED), response);
    }
  }

  /** A request as if it had no header {@code name}. */
  private static final class WithoutHeader extends HttpServletRequestWrapper {
    private final String name;

    WithoutHeader(HttpServletRequest request, String name) {
      super(request);
      this.name = name;
    }

    private boolean hidden(String header) {
      return header != null && header.equalsIgnoreCase(name);
    }

    @Override
    public String getHeader(String header) {
      return hidden(header) ? null : super.getHeader(header);
    }

    @Override
    public Enumeration<String> getHeaders(String header) {
      return hidden(header) ? Collections.emptyEnumeration() : super.getHeaders(header);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(this::hidden);
      return Collections.enumeration(names);
    }
  }
}

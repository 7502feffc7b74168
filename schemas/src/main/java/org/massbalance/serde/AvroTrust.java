package org.massbalance.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Makes Avro trust the generated classes of {@code org.massbalance.avro}. Avro 1.12 refuses to
 * instantiate classes outside trusted packages unless the system property {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} names them; Avro reads that property once, so this both
 * appends the package to the property (for Avro classes not loaded yet) and, when Avro's validator
 * was already initialised without it, adds a predicate trusting the package.
 */
public final class AvroTrust {

  /** The package of the generated Avro classes. */
  public static final String PACKAGE = "org.massbalance.avro";

  /** Avro's system property of trusted packages. */
  public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

  private static final java.util.Set<String> TRUSTED = new java.util.HashSet<>();

  static {
    trustPackage(PACKAGE);
  }

  private AvroTrust() {}

  /** Ensures {@link #PACKAGE} is trusted; cheap and idempotent. */
  public static void ensure() {
    // the static initializer does the work
  }

  /** Trusts a package of generated Avro classes, as described on this class. */
  public static synchronized void trustPackage(String packageName) {
    if (!TRUSTED.add(packageName)) {
      return;
    }
    String current = System.getProperty(PROPERTY);
    if (current == null || current.isBlank()) {
      System.setProperty(PROPERTY, packageName);
    } else if (!containsEntry(current, packageName)) {
      System.setProperty(PROPERTY, current + "," + packageName);
    }
    ClassSecurityValidator.ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
    String prefix = packageName + ".";
    ClassSecurityValidator.ClassSecurityPredicate trusted = c -> c.getName().startsWith(prefix);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(global, trusted));
  }

  private static boolean containsEntry(String list, String entry) {
    for (String part : list.split(",")) {
      if (part.trim().equals(entry) || part.trim().equals("*")) {
        return true;
      }
    }
    return false;
  }
}

package dev.statefun.jakarta.cdi;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** ShrinkWrap bean archives for the Arquillian tests (the extension itself comes from the classpath). */
final class Deployments {
  private Deployments() {}

  /** A bean archive with {@code bean-discovery-mode="all"}. */
  static JavaArchive all(Class<?>... classes) {
    return archive("all", classes);
  }

  /** A bean archive with {@code bean-discovery-mode="annotated"}, as the README advises for a WAR's WEB-INF/beans.xml. */
  static JavaArchive annotated(Class<?>... classes) {
    return archive("annotated", classes);
  }

  private static JavaArchive archive(String mode, Class<?>... classes) {
    return ShrinkWrap.create(JavaArchive.class)
        .addClasses(classes)
        .addAsManifestResource(new StringAsset(beansXml(mode)), "beans.xml");
  }

  static String beansXml(String mode) {
    return """
        <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
               version="4.0" bean-discovery-mode="%s">
        </beans>
        """.formatted(mode);
  }
}

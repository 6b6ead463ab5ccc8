package dev.statefun.jakarta.example;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as Maven packaged it, deployed under the context root {@code war-example} unless renamed. */
final class WarDeployment {
  static final String NAME = "war-example.war";

  private WarDeployment() {}

  static WebArchive packagedWar() {
    return packagedWar(NAME);
  }

  /** The packaged WAR under another name, so under another context root (the name without ".war"). */
  static WebArchive packagedWar(String name) {
    File war = new File(System.getProperty("statefun.war", "target/war-example.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " does not exist: run the server tests with 'mvn verify', after 'package'");
    }
    return ShrinkWrap.create(ZipImporter.class, name).importFrom(war).as(WebArchive.class);
  }

  /**
   * A module of this reactor as a jar for WEB-INF/lib ({@code statefun-health}, ...): its jar, or its classes
   * directory in an IDE. On the test class path only in the server profiles that add it to a WAR.
   */
  static JavaArchive module(String className, String name) {
    try {
      // Not initialised: its API dependencies are the server's, not on this classpath.
      File location = new File(Class.forName(className, false, WarDeployment.class.getClassLoader())
          .getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.isDirectory()
          ? ShrinkWrap.create(ExplodedImporter.class, name + ".jar").importDirectory(location).as(JavaArchive.class)
          : ShrinkWrap.create(ZipImporter.class, name + ".jar").importFrom(location).as(JavaArchive.class);
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      throw new IllegalStateException(name + " is not on the test classpath: run the suite in a server profile", e);
    }
  }
}

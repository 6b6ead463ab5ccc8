package dev.statefun.jakarta.example;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as Maven packaged it, deployed under the context root {@code war-example}. */
final class WarDeployment {
  static final String NAME = "war-example.war";

  private WarDeployment() {}

  static WebArchive packagedWar() {
    File war = new File(System.getProperty("statefun.war", "target/war-example.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " does not exist: run the server tests with 'mvn verify', after 'package'");
    }
    return ShrinkWrap.create(ZipImporter.class, NAME).importFrom(war).as(WebArchive.class);
  }
}

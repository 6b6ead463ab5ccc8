package dev.statefun.jakarta.cdi.sample;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A @Dependent bean injected into @Dependent functions: it lives and dies with them. */
@Dependent
public class DependentPart {
  @Inject Lifecycle lifecycle;
  private String name;

  @PostConstruct
  void created() {
    name = lifecycle.created("part");
  }

  public void use() {
    lifecycle.invoked(name);
  }

  @PreDestroy
  void destroyed() {
    lifecycle.destroyed(name);
  }
}

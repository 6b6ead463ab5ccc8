package dev.statefun.jakarta.cdi;

/** A validated function class and how the registry reaches its bean's instances. */
record BoundFunction(FunctionDescriptor descriptor, FunctionInstances instances) {}

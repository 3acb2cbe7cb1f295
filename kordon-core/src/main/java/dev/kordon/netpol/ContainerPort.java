package dev.kordon.netpol;

/** A declared container port, which named NetworkPolicy ports resolve against. */
public record ContainerPort(String name, int port, Protocol protocol) {}

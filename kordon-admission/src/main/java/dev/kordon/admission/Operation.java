package dev.kordon.admission;

/** The operation of an admission request. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}

package dev.kordon.rules;

/** A compiled {@code name: ..., expression: ...} pair: a variable or a match condition. */
record NamedExpression(String name, Expression expression) {}

package dev.kordon.node;

import java.nio.file.Path;

/** Materializes one test node tree, modes applied, for bench/node.sh. */
public final class NodeBenchTree {
  private NodeBenchTree() {}

  public static void main(String[] args) throws Exception {
    System.out.println(NodeFixtures.materialize(args[0], Path.of(args[1]), true).root());
  }
}

package dev.kordon.source;

/**
 * Caps that keep hostile YAML from exhausting memory or stack: billion-laughs alias expansion, deep
 * nesting and huge documents are refused with an error instead.
 *
 * @param maxFileBytes a larger file is refused unread
 * @param maxDocumentChars a larger document is refused
 * @param maxDepth deepest nesting of mappings and sequences
 * @param maxNodes nodes in one document after alias expansion
 * @param maxAliases alias references in one document
 */
public record ReaderLimits(
    long maxFileBytes, int maxDocumentChars, int maxDepth, int maxNodes, int maxAliases) {

  /** Generous for real manifests: the largest CRDs in the wild are a few MiB and 30 levels deep. */
  public static final ReaderLimits DEFAULT =
      new ReaderLimits(64L << 20, 16 << 20, 200, 2_000_000, 1_000);

  public ReaderLimits {
    if (maxFileBytes <= 0 || maxDocumentChars <= 0 || maxDepth <= 0 || maxNodes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}

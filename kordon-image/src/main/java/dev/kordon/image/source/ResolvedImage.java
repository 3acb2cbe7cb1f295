package dev.kordon.image.source;

import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An image whose manifest has been read and verified; its layers are opened one at a time. */
public interface ResolvedImage extends AutoCloseable {

  /** The image as the user named it. */
  String name();

  /** The manifest digest (or, for a docker-save archive, the config digest). */
  String digest();

  List<LayerBlob> layers();

  /** The layer's bytes as stored; the caller verifies them while reading. */
  InputStream open(LayerBlob layer) throws IOException;

  @Override
  default void close() throws IOException {}
}

package dev.kordon.image.source;

import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;

/** Where an image's manifests and blobs come from: a layout on disk or a registry. */
public interface BlobStore {

  /** A small blob (manifest, config, signature payload) read whole and verified. */
  byte[] small(String image, String digest, long maxBytes) throws IOException;

  /** A layer, streamed; the reader verifies the digest. */
  InputStream open(String image, LayerBlob layer) throws IOException;
}

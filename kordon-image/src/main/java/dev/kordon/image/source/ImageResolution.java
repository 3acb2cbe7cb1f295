package dev.kordon.image.source;

import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** From a descriptor to the image's layers, through an index when there is one. */
final class ImageResolution {
  private ImageResolution() {}

  static ResolvedImage resolve(
      String image, BlobStore store, Manifests.Descriptor descriptor, Platform platform)
      throws IOException {
    Manifests.Descriptor current = descriptor;
    for (int depth = 0; depth < 4; depth++) {
      byte[] bytes = store.small(image, current.digest(), Manifests.MAX_MANIFEST);
      JsonNode n = Manifests.parse(image, bytes);
      if (Manifests.isIndex(n, current.mediaType())) {
        current = Manifests.choose(image, n, platform);
        continue;
      }
      return of(image, current.digest(), Manifests.layers(image, n), store);
    }
    throw new dev.kordon.image.layer.ImageReadException(image, "", "indexes nested too deep");
  }

  static ResolvedImage of(String image, String digest, List<LayerBlob> layers, BlobStore store) {
    return new ResolvedImage() {
      @Override
      public String name() {
        return image;
      }

      @Override
      public String digest() {
        return digest;
      }

      @Override
      public List<LayerBlob> layers() {
        return layers;
      }

      @Override
      public InputStream open(LayerBlob layer) throws IOException {
        return store.open(image, layer);
      }
    };
  }
}

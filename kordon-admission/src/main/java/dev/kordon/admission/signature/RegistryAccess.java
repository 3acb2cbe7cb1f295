package dev.kordon.admission.signature;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.source.BlobStore;
import dev.kordon.image.source.ImageRef;
import dev.kordon.image.source.RegistryClient;
import java.io.IOException;
import java.util.Optional;

/**
 * What signature checks read from registries. The seam between the webhook and {@link
 * RegistryClient}: tests count and stall calls through it.
 */
public interface RegistryAccess {

  /**
   * The digest a tag names now (of the top-level manifest or index: what cosign signs).
   *
   * @return empty when the registry does not know the tag
   * @throws RegistryUnavailable when the registry cannot be asked
   * @throws IOException when its answer is unusable
   */
  Optional<String> digest(ImageRef ref) throws IOException;

  /** The manifest at the image's cosign signature tag ({@code sha256-HEX.sig}), if any. */
  Optional<byte[]> signatureManifest(ImageRef ref, String digest) throws IOException;

  /** Blobs of the image's repository (signature payloads). */
  BlobStore store(ImageRef ref);

  /** Through a registry client; transport failures become {@link RegistryUnavailable}. */
  static RegistryAccess of(RegistryClient client) {
    return new RegistryAccess() {
      @Override
      public Optional<String> digest(ImageRef ref) throws IOException {
        try {
          return client.digest(ref, ref.reference());
        } catch (IOException e) {
          throw classify(e);
        }
      }

      @Override
      public Optional<byte[]> signatureManifest(ImageRef ref, String digest) throws IOException {
        try {
          return client
              .manifest(ref, CosignVerifier.signatureTag(digest))
              .map(RegistryClient.Fetched::bytes);
        } catch (IOException e) {
          throw classify(e);
        }
      }

      @Override
      public BlobStore store(ImageRef ref) {
        BlobStore inner = client.store(ref);
        return new BlobStore() {
          @Override
          public byte[] small(String image, String digest, long maxBytes) throws IOException {
            try {
              return inner.small(image, digest, maxBytes);
            } catch (IOException e) {
              throw classify(e);
            }
          }

          @Override
          public java.io.InputStream open(String image, dev.kordon.image.layer.LayerBlob layer)
              throws IOException {
            return inner.open(image, layer);
          }
        };
      }
    };
  }

  /**
   * Transport failures, server errors and refused credentials are the registry's state, not an
   * answer about the image; everything else (malformed, oversized, digest mismatch) is an answer.
   */
  static IOException classify(IOException e) {
    if (e instanceof RegistryUnavailable) {
      return e;
    }
    String m = String.valueOf(e.getMessage());
    boolean transport =
        !(e instanceof ImageReadException)
            || e.getCause() instanceof IOException
            || m.contains("registry answered 5")
            || m.contains("registry answered 429")
            || m.contains("(not authorised)")
            || m.contains("requires credentials")
            || m.contains("token service answered")
            || m.endsWith(": interrupted");
    return transport ? new RegistryUnavailable(m, e) : e;
  }
}

package dev.kordon.admission;

import dev.kordon.admission.signature.RegistryAccess;
import dev.kordon.admission.signature.RegistryUnavailable;
import dev.kordon.image.layer.LayerBlob;
import dev.kordon.image.source.BlobStore;
import dev.kordon.image.source.ImageRef;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Sigstore;
import dev.kordon.image.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A registry in memory that counts what it is asked, can be made unreachable, and can stall until
 * released. Signatures are real: ECDSA P-256 by the JDK over cosign's simple-signing payload.
 */
class FakeRegistry implements RegistryAccess {

  final AtomicInteger digestCalls = new AtomicInteger();
  final AtomicInteger signatureCalls = new AtomicInteger();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final Map<String, byte[]> signatures = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  volatile CountDownLatch gate = new CountDownLatch(0);
  volatile IOException failure;

  /** Tags an image and returns its digest. */
  String tag(String image, String digestSeed) {
    String digest = TestImages.sha256(digestSeed.getBytes(StandardCharsets.UTF_8));
    tags.put(ImageRef.parse(image).toString(), digest);
    return digest;
  }

  /** Signs a digest with a key, as cosign would at {@code sha256-HEX.sig}. */
  void sign(String digest, KeyPair key) throws Exception {
    byte[] payload = Cosign.payload("example", digest);
    store(
        digest,
        payload,
        Map.of("dev.cosignproject.cosign/signature", Cosign.sign(key.getPrivate(), payload)));
  }

  /**
   * Signs a digest keyless, as cosign would: a leaf certificate of {@code sigstore}'s CA for {@code
   * identity}, the signature logged in its Rekor at {@code at} (within the leaf's ten minutes).
   */
  void signKeyless(String digest, Sigstore sigstore, String identity, String issuer, Instant at)
      throws Exception {
    byte[] payload = Cosign.payload("example", digest);
    Sigstore.Leaf leaf = sigstore.leaf(identity, issuer, at.minusSeconds(60));
    byte[] signature = Sigstore.sign(leaf.key().getPrivate(), payload);
    Sigstore.Entry entry = sigstore.hashedRekord(payload, signature, leaf, at);
    store(digest, payload, sigstore.annotations(signature, leaf, entry));
  }

  private void store(String digest, byte[] payload, Map<String, String> annotations) {
    String payloadDigest = TestImages.sha256(payload);
    blobs.put(payloadDigest, payload);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:"
            + "0".repeat(64)
            + "\",\"size\":2},\"layers\":[{\"mediaType\":"
            + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"digest\":\""
            + payloadDigest
            + "\",\"size\":"
            + payload.length
            + ",\"annotations\":"
            + JsonMapper.builder().build().writeValueAsString(annotations)
            + "}]}";
    signatures.put(digest, manifest.getBytes(StandardCharsets.UTF_8));
  }

  private void enter() throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new RegistryUnavailable("stalled", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailable("interrupted", e);
    }
  }

  @Override
  public Optional<String> digest(ImageRef ref) throws IOException {
    digestCalls.incrementAndGet();
    enter();
    return Optional.ofNullable(tags.get(ref.toString()));
  }

  @Override
  public Optional<byte[]> signatureManifest(ImageRef ref, String digest) throws IOException {
    signatureCalls.incrementAndGet();
    enter();
    return Optional.ofNullable(signatures.get(digest));
  }

  @Override
  public BlobStore store(ImageRef ref) {
    return new BlobStore() {
      @Override
      public byte[] small(String image, String digest, long maxBytes) throws IOException {
        byte[] b = blobs.get(digest);
        if (b == null) {
          throw new IOException("blob unknown");
        }
        return b;
      }

      @Override
      public InputStream open(String image, LayerBlob layer) throws IOException {
        throw new IOException("no layers here");
      }
    };
  }
}

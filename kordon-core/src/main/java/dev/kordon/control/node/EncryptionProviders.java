package dev.kordon.control.node;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import tools.jackson.databind.JsonNode;

/** Reads which provider an EncryptionConfiguration writes Secrets with. */
final class EncryptionProviders {
  private EncryptionProviders() {}

  static final String KIND = "EncryptionConfiguration";

  /**
   * The provider that writes Secrets and the pointer of its entry: empty provider when no entry
   * covers secrets ({@code at} is then {@code /resources}).
   */
  record SecretsEntry(String provider, JsonPointer at) {}

  static SecretsEntry forSecrets(KubeObject config) {
    JsonNode resources = config.at(JsonPointer.of("resources"));
    if (resources.isArray()) {
      for (int i = 0; i < resources.size(); i++) {
        JsonNode entry = resources.get(i);
        boolean covers = false;
        for (JsonNode r : entry.path("resources")) {
          String name = r.asString("");
          covers |= name.equals("secrets") || name.equals("*.") || name.equals("*.*");
        }
        if (!covers) {
          continue;
        }
        JsonPointer first = JsonPointer.of("resources", Integer.toString(i), "providers", "0");
        JsonNode provider = entry.path("providers").path(0);
        if (!provider.isObject() || provider.isEmpty()) {
          return new SecretsEntry("identity", JsonPointer.of("resources", Integer.toString(i)));
        }
        return new SecretsEntry(provider.propertyNames().iterator().next(), first);
      }
    }
    return new SecretsEntry("", JsonPointer.of("resources"));
  }
}

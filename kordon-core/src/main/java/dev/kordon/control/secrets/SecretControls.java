package dev.kordon.control.secrets;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** Controls for credentials in plain sight: env vars, ConfigMaps. */
public final class SecretControls {
  private SecretControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new SecretInEnvVar(), new SecretInConfigMap(), new SecretAsEnvironmentVariable());
  }
}

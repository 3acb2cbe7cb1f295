package dev.kordon.admission.signature;

import java.io.IOException;

/**
 * The registry could not be asked (network, timeout, server error, credentials refused), as opposed
 * to an answer about the image. Who decides then is the policy's failure mode.
 */
public final class RegistryUnavailable extends IOException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}

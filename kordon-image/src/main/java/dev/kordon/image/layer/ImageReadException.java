package dev.kordon.image.layer;

import java.io.IOException;

/** An image that cannot be read: the message names the image and, when known, the layer. */
public final class ImageReadException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImageReadException(String image, String layer, String message) {
    super(image + (layer.isEmpty() ? "" : " layer " + layer) + ": " + message);
  }

  public ImageReadException(String image, String layer, String message, Throwable cause) {
    super(image + (layer.isEmpty() ? "" : " layer " + layer) + ": " + message, cause);
  }
}

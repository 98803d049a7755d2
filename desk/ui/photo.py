"""Patron photos in the desk: read an image file, scale any image to what the library keeps
(at most ``PHOTO_MAX_SIDE`` pixels a side, JPEG) and ask the circulation layer to store it.

The circulation layer cannot decode images (it knows no Qt) and checks only the bytes' header
and size (``desk.circulation.patron_photo``); the scaling and re-encoding happen here.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from desk.circulation.patron_photo import PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, PHOTO_MIN_SIDE

FILE_FILTER = "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff"
JPEG_QUALITIES = (88, 75, 60, 45)


class PhotoUnreadable(Exception):
    """The file or frame holds no image the desk can use; the message says why."""


def read_image(path: str) -> QImage:
    """The image in ``path`` (turned upright by its EXIF orientation). Raises
    ``PhotoUnreadable`` with Qt's reason."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise PhotoUnreadable(reader.errorString())
    return image


def scaled_jpeg(image: QImage, max_side: int = PHOTO_MAX_SIDE) -> bytes:
    """``image`` scaled down (never up) to at most ``max_side`` pixels a side, as JPEG bytes
    no larger than the library keeps. Raises ``PhotoUnreadable`` for an empty or tiny image."""
    if image.isNull() or min(image.width(), image.height()) < PHOTO_MIN_SIDE:
        raise PhotoUnreadable(f"{image.width()}×{image.height()}")
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    if min(image.width(), image.height()) < PHOTO_MIN_SIDE:    # a thin strip scaled down
        raise PhotoUnreadable(f"{image.width()}×{image.height()}")
    image = image.convertToFormat(QImage.Format.Format_RGB888)   # JPEG has no alpha
    data = b""
    for quality in JPEG_QUALITIES:
        buffer_bytes = QByteArray()
        buffer = QBuffer(buffer_bytes)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "JPEG", quality):  # type: ignore[call-overload]  # PySide6 takes str
            raise PhotoUnreadable("JPEG")
        buffer.close()
        data = bytes(buffer_bytes.data())
        if len(data) <= PHOTO_MAX_BYTES:
            return data
    return data      # still too big: the circulation layer refuses it with its size

"""The patron's photo, large, so staff can check the card's holder (SOP 5.3.1); a patron
without one gets a grey silhouette and the mark "No photo — ask for ID"."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def silhouette(width: int, height: int) -> QPixmap:
    """A grey head-and-shoulders placeholder for a patron without a photo."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#e4e7eb"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#9aa3ad"))
    head = min(width, height) * 0.36
    painter.drawEllipse(QRectF((width - head) / 2, height * 0.16, head, head))
    body = QPainterPath()
    body.addRoundedRect(QRectF(width * 0.14, height * 0.56, width * 0.72, height * 0.6), 30, 30)
    painter.drawPath(body)
    painter.end()
    return pixmap


class PatronPhoto(QWidget):
    """``show_photo(bytes or None)``: the photo kept in its proportions inside ``size``, or
    the silhouette with the no-photo mark (``has_photo`` says which)."""

    def __init__(self, width: int, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patronPhoto")
        self.box = (width, height)
        self.image = QLabel()
        self.image.setObjectName("patronPhotoImage")
        self.image.setFixedSize(width, height)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark = QLabel(self.tr("No photo — ask for ID"))
        self.mark.setObjectName("noPhotoMark")
        self.mark.setProperty("alert", True)
        self.mark.setWordWrap(True)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark.setFixedWidth(width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addWidget(self.mark)
        layout.addStretch(1)
        self.has_photo = False
        self.clear()

    def clear(self) -> None:
        """No patron: the silhouette, no mark."""
        self.has_photo = False
        self.image.setPixmap(silhouette(*self.box))
        self.mark.hide()

    def show_photo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        self.has_photo = bool(data) and pixmap.loadFromData(data or b"")
        if self.has_photo:
            self.image.setPixmap(pixmap.scaled(*self.box, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.image.setPixmap(silhouette(*self.box))
        self.mark.setVisible(not self.has_photo)

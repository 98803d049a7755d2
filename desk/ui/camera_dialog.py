"""Take a patron's photo with a webcam (QtMultimedia): a live preview and a capture key.

``QMediaCaptureSession`` joins the camera (``QCamera``), the preview (a ``QVideoSink`` drawn
into a label, so the dialog also shows frames from any other source) and ``QImageCapture``.
Space or Enter takes the picture: through ``QImageCapture`` when the camera offers it, else
the frame on the preview (a source that is not a camera, such as a ``QVideoFrameInput``, has
no image capture). ``captured(QImage)`` gives the picture; the caller scales and stores it.

``cameras()`` lists the video inputs; with none the desk's button says so and no dialog opens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtMultimedia import (QCamera, QCameraDevice, QImageCapture, QMediaCaptureSession,
                                  QMediaDevices, QVideoFrame, QVideoFrameInput, QVideoSink)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

PREVIEW_SIZE = (480, 360)


def cameras() -> list[QCameraDevice]:
    """The video inputs of this computer (none on a machine without a webcam)."""
    return list(QMediaDevices.videoInputs())


class CameraDialog(QDialog):
    """Preview and capture. ``source`` is a camera device (the default camera when ``None``)
    or a ``QVideoFrameInput`` that feeds frames (tests, a capture card)."""

    captured = Signal(QImage)

    def __init__(self, source: QCameraDevice | QVideoFrameInput | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Take the patron's photo"))
        self.session = QMediaCaptureSession(self)
        self.camera: QCamera | None = None
        if isinstance(source, QVideoFrameInput):
            self.session.setVideoFrameInput(source)
        else:
            self.camera = QCamera(source, self) if source is not None else QCamera(self)
            self.camera.errorOccurred.connect(self._camera_error)
            self.session.setCamera(self.camera)
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self.session.setVideoSink(self.sink)
        self.image_capture = QImageCapture(self)
        self.image_capture.imageCaptured.connect(lambda _id, image: self._take(image))
        self.image_capture.errorOccurred.connect(
            lambda _id, _error, text: self._show_error(text))
        self.session.setImageCapture(self.image_capture)
        self.preview = QLabel(self.tr("Waiting for the camera…"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.hint = QLabel(self.tr("Space or Enter: take the photo · Esc: cancel"))
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.capture_button = buttons.addButton(self.tr("Take photo (Space)"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.capture_button.setObjectName("captureButton")
        self.capture_button.clicked.connect(self.capture)
        self.capture_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        for key in ("Space", "Return", "Enter"):
            QShortcut(QKeySequence(key), self).activated.connect(self.capture)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.last_frame = QImage()
        self.capture_button.setFocus()
        if self.camera is not None:
            self.camera.start()

    def _frame(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.last_frame = image
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            *PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def capture(self) -> None:
        """The capture key: the camera's still image, else the frame on the preview."""
        if self.image_capture.isReadyForCapture():
            self.image_capture.capture()
        elif not self.last_frame.isNull():
            self._take(self.last_frame)
        else:
            self._show_error(self.tr("No picture from the camera yet."))

    def _take(self, image: QImage) -> None:
        self.captured.emit(image)
        self.accept()

    def _camera_error(self, _error: QCamera.Error, text: str) -> None:
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        if self.camera is not None:
            self.camera.stop()
        super().done(result)

"""The patron screen's two photo buttons (SOP 5.3.1): *Photo from file…* (a file dialog) and
*Take photo with the camera…* (``desk.ui.camera_dialog``, QtMultimedia loaded only then; with
no camera on the computer the button says so). Either picture is scaled and re-encoded here
(``desk.ui.photo``) and stored on the worker thread by ``set_patron_photo``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from desk.ui.context import DeskContext
from desk.ui.photo import FILE_FILTER, PhotoUnreadable, read_image, scaled_jpeg

if TYPE_CHECKING:
    from desk.ui.camera_dialog import CameraDialog


class PhotoActions(QObject):
    """``said(text, level)`` for the screen's status, ``saved()`` once the photo is stored,
    ``failed(error)`` when the circulation layer refused it."""

    said = Signal(str, str)
    saved = Signal()
    failed = Signal(object)

    def __init__(self, context: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.host = parent
        self.barcode: str | None = None
        self.no_camera = False          # looked for the cameras and found none
        self.dialog: QWidget | None = None
        self.file_button = QPushButton(self.tr("Photo from file…"))
        self.file_button.setObjectName("photoFromFile")
        self.file_button.clicked.connect(self.from_file)
        self.camera_button = QPushButton()
        self.camera_button.setObjectName("photoFromCamera")
        self.camera_button.clicked.connect(lambda: self.from_camera())
        self.set_patron(None)

    def set_patron(self, barcode: str | None) -> None:
        """The patron whose photo the buttons set (``None``: no patron, buttons off)."""
        self.barcode = barcode
        self.file_button.setEnabled(barcode is not None)
        self.update_camera_button()

    def update_camera_button(self) -> None:
        if self.no_camera:
            self.camera_button.setText(self.tr("No camera found"))
            self.camera_button.setToolTip(self.tr(
                "No webcam is connected to this computer: load the photo from a file."))
        else:
            self.camera_button.setText(self.tr("Take photo with the camera…"))
        self.camera_button.setEnabled(not self.no_camera and self.barcode is not None)

    def from_file(self) -> None:
        if self.barcode is None:
            return
        dialog = QFileDialog(self.host, self.tr("The patron's photo"))
        dialog.setObjectName("photoFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (%1)").replace("%1", FILE_FILTER))
        dialog.fileSelected.connect(self.use_file)
        self.dialog = dialog
        dialog.open()

    def use_file(self, path: str) -> None:
        try:
            image = read_image(path)
        except PhotoUnreadable as error:
            self.said.emit(self.tr("%1 is not an image the desk can read (%2).").replace(
                "%1", path).replace("%2", str(error)), "error")
            return
        self.use_image(image)

    def from_camera(self, source: Any = None) -> CameraDialog | None:
        """Open the camera preview (``source``: a camera device or a frame input; the first
        camera when ``None``). With no camera on this computer the button says so instead."""
        if self.barcode is None:
            return None
        from desk.ui.camera_dialog import CameraDialog, cameras
        if source is None:
            found = cameras()
            if not found:
                self.no_camera = True
                self.update_camera_button()
                self.said.emit(self.tr("No camera found: load the photo from a file."),
                               "warning")
                return None
            source = found[0]
        dialog = CameraDialog(source, self.host)
        dialog.captured.connect(self.use_image)
        self.dialog = dialog
        dialog.open()
        return dialog

    def use_image(self, image: QImage) -> None:
        """Scale and store ``image`` as the patron's photo."""
        if self.barcode is None:
            return
        try:
            data = scaled_jpeg(image)
        except PhotoUnreadable as error:
            self.said.emit(self.tr("The picture is too small to be a photo (%1).").replace(
                "%1", str(error)), "error")
            return
        circulation = self.context.circulation
        self.context.tasks.run(circulation.set_patron_photo, self.barcode, data,
                               on_done=lambda _none: self.saved.emit(),
                               on_error=self.failed.emit)

"""Translated, actionable texts for the codes the set-up services raise (utils.first_run,
utils.pc_settings): what happened, what was kept, what to do. Every string is a literal inside
QCoreApplication.translate (or its short name translate) so lupdate finds it; the set-up codes'
sentences are one table, each with the params its %1 and %2 stand for."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.validation import ValidationFailed
from utils.first_run import SetupError
from utils.passwords import PasswordPolicyError

from gui.messages import field_error_text, password_policy_text


def setup_error_text(exc: SetupError) -> str:
    """The code's sentence, its %1 and %2 filled from the error's params; for a code this
    version has no sentence for, the error's own text."""
    entry = _setup_texts().get(exc.code)
    if entry is None:
        return str(exc)
    text, params = entry
    for number, name in enumerate(params, 1):
        value = exc.params.get(name, exc if name == "detail" else "")
        text = text.replace(f"%{number}", str(value))
    return text


# What the %1 (and %2) of a sentence stand for, by the params' names.
_FOLDER = ("folder",)
_STATION = ("station",)


def _setup_texts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each code's sentence, translated now (the language may have changed since the last
    one), and the params its %1, %2 stand for."""
    translate = QCoreApplication.translate
    bad_station = translate("Setup", "A station id has 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.")
    return {
        "folder_required": (translate("Setup", "Choose the shared folder."), ()),
        "folder_not_absolute": (translate("Setup", "Type the full path of the folder, for example \\\\server\\shopfloor or /mnt/shopfloor."), ()),
        "unc_needs_mount": (translate("Setup", "%1 is a Windows network path. On this computer the share must be mounted first (ask IT, for example under /mnt/shopfloor); then choose that folder."), _FOLDER),
        "parent_not_found": (translate("Setup", "Neither %1 nor %2, where it would be created, exists. Check that the drive or network share is connected, or create the folder first. Nothing was changed."), ("folder", "parent")),
        "folder_not_found": (translate("Setup", "The folder %1 cannot be found. Check the path and that the share is connected. Nothing was changed."), _FOLDER),
        "folder_not_made": (translate("Setup", "The folder %1 does not exist. Check the path, and that the network share is connected. To make a new folder there, tick \"Make this folder if it does not exist yet\". Nothing was changed."), _FOLDER),
        "not_a_folder": (translate("Setup", "%1 is a file, not a folder. Choose a folder."), _FOLDER),
        "no_site": (translate("Setup", "There is no Shopfloor site in %1. Choose the folder that was chosen when the site was created (it holds shopfloor-site.json), or create a new site. Nothing was changed."), _FOLDER),
        "site_exists": (translate("Setup", "%1 already holds a Shopfloor site. To use it, go back and choose \"Join a site\"; for a new site, choose another folder. Nothing was changed."), _FOLDER),
        "permission_denied": (translate("Setup", "This PC may not write in %1 (permission denied). Ask IT to give this PC's user write access to the share, or choose another folder. Nothing was changed."), _FOLDER),
        "read_only": (translate("Setup", "%1 is read-only. Choose a folder this PC can write to, or ask IT to make the share writable. Nothing was changed."), _FOLDER),
        "disk_full": (translate("Setup", "The disk that holds %1 is full. Free some space or choose another folder. Nothing was changed."), _FOLDER),
        "offline": (translate("Setup", "The network share of %1 cannot be reached: the file server may be off, the network down, or the name misspelled. Check the connection and try again. Nothing was changed."), _FOLDER),
        "cannot_delete": (translate("Setup", "This PC can create files in %1 but not delete them, and the site needs both. Ask IT for full write (modify) access to the share. Nothing was changed."), _FOLDER),
        "folder_unusable": (translate("Setup", "%1 cannot be used: %2. Choose another folder or ask IT. Nothing was changed."), ("folder", "detail")),
        "database_on_network": (translate("Setup", "This PC's data folder %1 is on a network drive, and the database must be on this PC's own disk (a network drive can corrupt it). Ask IT to keep the application data on the local disk. Nothing was changed."), _FOLDER),
        "restore_under_way": (translate("Setup", "A restore of this PC's database is under way, so the app cannot open it now. Nothing was opened or changed: start the app again when the restore has finished."), ()),
        "wrong_passphrase": (translate("Setup", "The site passphrase is wrong. Check it with the person who created the site (capital letters count) and type it again. Nothing was changed."), ()),
        "weak_passphrase": (translate("Setup", "The site passphrase needs at least 12 characters."), ()),
        "bad_site_file": (translate("Setup", "The site file in this folder is damaged or was not written by Shopfloor Collector. Ask the person who created the site. Nothing was changed."), ()),
        "station_in_use": (translate("Setup", "Station %1 is in use by a PC that is running now. Choose another station, or close the app on that PC first. Nothing was changed."), _STATION),
        "station_taken": (translate("Setup", "Station %1 belongs to another PC of this site. If this PC replaces that one (it broke or was retired), tick \"This PC replaces that station's PC\" and say why; otherwise choose another station. Nothing was changed."), _STATION),
        "bad_station_id": (bad_station, ()),
        "bad_kind": (bad_station, ()),
        "unknown_machine": (translate("Setup", "Station %1 is not in the machine table. Choose a machine from the list, or make this an office PC."), _STATION),
        "already_member": (translate("Setup", "This PC already belongs to a site; nothing was changed. Start the app again to log in."), ()),
        "admin_required": (translate("Setup", "A new site needs its first admin account."), ()),
        "other_site": (translate("Setup", "%1 holds another site, not this PC's. Moving this PC to another site needs that site's passphrase: set it up again. Nothing was changed."), _FOLDER),
        "not_member": (translate("Setup", "This PC is not in a site, so it has no shared folder to change."), ()),
        "not_a_zone": (translate("Setup", "%1 is not a time zone. Choose one from the list, for example America/Sao_Paulo."), ("zone",)),
        "autostart_failed": (translate("Setup", "Starting with the PC could not be switched: %1. Nothing was changed."), ("detail",)),
    }


def problem_text(exc: BaseException) -> str:
    """Any refusal a set-up step raises, as one message for the person."""
    if isinstance(exc, SetupError):
        return setup_error_text(exc)
    if isinstance(exc, PasswordPolicyError):
        return password_policy_text(exc.code, exc.params)
    if isinstance(exc, ValidationFailed):
        return " ".join(field_error_text(error) for error in exc.errors)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Setup", "A file could not be written: %1. Nothing more was done; check the folder and try again.").replace("%1", str(exc))
    return QCoreApplication.translate("Setup", "Something went wrong: %1. The details are in the log.").replace("%1", str(exc))

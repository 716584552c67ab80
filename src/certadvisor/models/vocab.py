"""Closed vocabularies shared by the catalog and the profile."""

from __future__ import annotations

from enum import StrEnum


class EducationLevel(StrEnum):
    """Highest education completed; a GED or other equivalent counts as high_school."""

    NONE = "none"
    HIGH_SCHOOL = "high_school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        return _EDUCATION_ORDER.index(self)


_EDUCATION_ORDER = list(EducationLevel)


class ProgramField(StrEnum):
    """Field of a training program."""

    MEDICAL_ASSISTING = "medical_assisting"
    PHLEBOTOMY = "phlebotomy"
    MLT = "mlt"
    MLS = "mls"
    PATIENT_CARE = "patient_care"
    EKG = "ekg"


class Accreditation(StrEnum):
    """Accreditation of a training program (programmatic, institutional or military)."""

    CAAHEP = "CAAHEP"
    ABHES = "ABHES"
    NAACLS = "NAACLS"
    USDE = "USDE"
    CHEA = "CHEA"
    MILITARY = "military"
    NONE = "none"


class ExperienceField(StrEnum):
    """Field of a job in the profile's work history."""

    MEDICAL_ASSISTING = "medical_assisting"
    PHLEBOTOMY = "phlebotomy"
    CLINICAL_LABORATORY = "clinical_laboratory"
    PATIENT_CARE = "patient_care"
    EKG = "ekg"


class Duty(StrEnum):
    """Duties performed in a job."""

    CLINICAL = "clinical"
    ADMINISTRATIVE = "administrative"
    INSTRUCTION = "instruction"
    PHLEBOTOMY = "phlebotomy"
    BLOOD_BANK = "blood_bank"
    CHEMISTRY = "chemistry"
    HEMATOLOGY = "hematology"
    MICROBIOLOGY = "microbiology"
    IMMUNOLOGY = "immunology"
    URINALYSIS = "urinalysis"
    LAB_OPERATIONS = "lab_operations"


class Procedure(StrEnum):
    """Documented skill counts a profile can give."""

    VENIPUNCTURES = "venipunctures"
    CAPILLARY_STICKS = "capillary_sticks"
    INJECTIONS = "injections"
    EKGS = "ekgs"
    ARTERIAL_PUNCTURES = "arterial_punctures"


class Category(StrEnum):
    """Career area of a track."""

    MEDICAL_ASSISTING = "medical_assisting"
    LABORATORY = "laboratory"
    PHLEBOTOMY = "phlebotomy"
    PATIENT_CARE = "patient_care"
    EKG = "ekg"


# Bounds of a profile's values (models/profile.py; profiles/well_formed.py reads the same)
MAX_HOURS = 100_000
MAX_COUNT = 1_000_000
MAX_FTE = 1.5
MAX_ID_LENGTH = 100
MAX_SUBJECT_LENGTH = 60
STATE_PATTERN = r"^[A-Z]{2}$"

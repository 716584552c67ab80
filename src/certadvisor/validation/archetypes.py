"""The representative people `data review` tests the catalog's thresholds against.

Each archetype is data: dates are months before the evaluation date, so the set keeps the
same shape whatever day the review runs. The set spreads people across every field and
puts some near the usual thresholds (12, 36 and 60 months, 1,040 hours, 30 venipunctures,
age 18), because a threshold no one is near cannot flip a result.
"""

import datetime as dt
from typing import Any

from certadvisor.models.profile import Profile

_DAYS_A_MONTH = 30.44

# name, then the profile with every date written as ("ago", months)
ARCHETYPES: tuple[dict[str, Any], ...] = (
    {
        "name": "school leaver, 19",
        "birth_date": ("ago", 230),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [],
        "credentials": [],
    },
    {
        "name": "MA program graduate, 6 months",
        "birth_date": ("ago", 300),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "medical_assisting",
                "accreditation": ["CAAHEP"],
                "completed": ("ago", 6),
                "contact_hours": 720,
                "practicum_hours": 160,
            }
        ],
        "experience": [],
        "credentials": [],
    },
    {
        "name": "MA program graduate, 50 months",
        "birth_date": ("ago", 360),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "medical_assisting",
                "accreditation": ["ABHES"],
                "completed": ("ago", 50),
                "contact_hours": 600,
            }
        ],
        "experience": [],
        "credentials": [],
    },
    {
        "name": "MA on the job, 14 months",
        "birth_date": ("ago", 320),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [
            {
                "field": "medical_assisting",
                "started": ("ago", 14),
                "duties": ["clinical", "administrative"],
            }
        ],
        "credentials": [],
    },
    {
        "name": "MA on the job, 40 months",
        "birth_date": ("ago", 400),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [
            {
                "field": "medical_assisting",
                "started": ("ago", 40),
                "duties": ["clinical", "administrative"],
            }
        ],
        "credentials": [],
    },
    {
        "name": "MA graduate 10 years ago, working since",
        "birth_date": ("ago", 450),
        "education": {"highest": "high_school"},
        "programs": [
            {"field": "medical_assisting", "accreditation": ["CAAHEP"], "completed": ("ago", 120)}
        ],
        "experience": [
            {"field": "medical_assisting", "started": ("ago", 62), "duties": ["clinical"]}
        ],
        "credentials": [],
    },
    {
        "name": "phlebotomy student, 3 months",
        "birth_date": ("ago", 260),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "phlebotomy",
                "accreditation": ["none"],
                "completed": ("ago", 3),
                "contact_hours": 44,
                "practicum_hours": 40,
                "didactic_hours": 22,
            }
        ],
        "experience": [],
        "procedures": {"venipunctures": 33, "capillary_sticks": 11},
        "credentials": [],
    },
    {
        "name": "phlebotomist on the job, 7 months",
        "birth_date": ("ago", 280),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [{"field": "phlebotomy", "started": ("ago", 7), "duties": ["phlebotomy"]}],
        "procedures": {"venipunctures": 55, "capillary_sticks": 12},
        "credentials": [],
    },
    {
        "name": "phlebotomy graduate, 55 months",
        "birth_date": ("ago", 340),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "phlebotomy",
                "accreditation": ["NAACLS"],
                "completed": ("ago", 55),
                "contact_hours": 120,
            }
        ],
        "experience": [{"field": "phlebotomy", "started": ("ago", 40), "ended": ("ago", 26)}],
        "procedures": {"venipunctures": 100, "capillary_sticks": 25},
        "credentials": [],
    },
    {
        "name": "army phlebotomy, 30 months",
        "birth_date": ("ago", 300),
        "education": {"highest": "high_school"},
        "programs": [
            {"field": "phlebotomy", "accreditation": ["military"], "completed": ("ago", 30)}
        ],
        "experience": [],
        "military": True,
        "credentials": [],
    },
    {
        "name": "MLT graduate with an associate, 40 months",
        "birth_date": ("ago", 330),
        "education": {
            "highest": "associate",
            "semester_hours": {"chemistry": 18, "biology": 20},
            "total_semester_hours": 62,
        },
        "programs": [{"field": "mlt", "accreditation": ["NAACLS"], "completed": ("ago", 40)}],
        "experience": [{"field": "clinical_laboratory", "started": ("ago", 28)}],
        "credentials": [],
    },
    {
        "name": "MLT holder with a bachelor, lab 40 months",
        "birth_date": ("ago", 420),
        "education": {
            "highest": "bachelor",
            "semester_hours": {"chemistry": 17, "biology": 19},
            "total_semester_hours": 120,
        },
        "programs": [{"field": "mlt", "accreditation": ["NAACLS"], "completed": ("ago", 70)}],
        "experience": [
            {
                "field": "clinical_laboratory",
                "started": ("ago", 40),
                "duties": [
                    "blood_bank",
                    "chemistry",
                    "hematology",
                    "microbiology",
                    "immunology",
                    "urinalysis",
                ],
            }
        ],
        "credentials": [{"id": "mlt-ascp", "earned": ("ago", 66)}],
    },
    {
        "name": "science graduate, no lab work",
        "birth_date": ("ago", 290),
        "education": {
            "highest": "bachelor",
            "semester_hours": {"chemistry": 14, "biology": 15},
            "total_semester_hours": 120,
        },
        "programs": [],
        "experience": [],
        "credentials": [],
    },
    {
        "name": "patient care graduate, 11 months",
        "birth_date": ("ago", 270),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "patient_care",
                "accreditation": ["USDE"],
                "completed": ("ago", 11),
                "contact_hours": 180,
            }
        ],
        "experience": [{"field": "patient_care", "started": ("ago", 10)}],
        "procedures": {"venipunctures": 12, "ekgs": 11},
        "credentials": [],
    },
    {
        "name": "EKG technician on the job, 13 months",
        "birth_date": ("ago", 310),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [{"field": "ekg", "started": ("ago", 13)}],
        "procedures": {"ekgs": 12},
        "credentials": [],
    },
    {
        "name": "EKG program graduate, 2 months",
        "birth_date": ("ago", 250),
        "education": {"highest": "high_school"},
        "programs": [{"field": "ekg", "accreditation": ["USDE"], "completed": ("ago", 2)}],
        "experience": [],
        "procedures": {"ekgs": 11},
        "credentials": [],
    },
    {
        "name": "MA program graduate, 13 months",
        "birth_date": ("ago", 290),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "medical_assisting",
                "accreditation": ["CAAHEP"],
                "completed": ("ago", 13),
                "contact_hours": 700,
                "practicum_hours": 160,
            }
        ],
        "experience": [],
        "procedures": {"injections": 11, "venipunctures": 11},
        "credentials": [],
    },
    {
        "name": "MA from a USDE-accredited school, working 6 months",
        "birth_date": ("ago", 330),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "medical_assisting",
                "accreditation": ["USDE"],
                "completed": ("ago", 20),
                "contact_hours": 620,
                "practicum_hours": 170,
            }
        ],
        "experience": [
            {
                "field": "medical_assisting",
                "started": ("ago", 6.5),
                "duties": ["clinical", "administrative"],
            }
        ],
        "procedures": {"injections": 12, "venipunctures": 12},
        "credentials": [],
    },
    {
        "name": "army-trained MA, 45 months",
        "birth_date": ("ago", 340),
        "education": {"highest": "high_school"},
        "programs": [
            {"field": "medical_assisting", "accreditation": ["military"], "completed": ("ago", 45)}
        ],
        "experience": [],
        "military": True,
        "credentials": [],
    },
    {
        "name": "phlebotomist on the job, 13 months",
        "birth_date": ("ago", 300),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [{"field": "phlebotomy", "started": ("ago", 13), "duties": ["phlebotomy"]}],
        "procedures": {"venipunctures": 200, "capillary_sticks": 40},
        "credentials": [],
    },
    {
        "name": "phlebotomy graduate with a long practicum, 8 months",
        "birth_date": ("ago", 280),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "phlebotomy",
                "accreditation": ["USDE"],
                "completed": ("ago", 8),
                "contact_hours": 45,
                "practicum_hours": 110,
                "didactic_hours": 45,
                "state_approved": ["CA"],
            }
        ],
        "experience": [],
        "procedures": {"venipunctures": 52, "capillary_sticks": 12},
        "credentials": [],
    },
    {
        "name": "California phlebotomy trainee",
        "birth_date": ("ago", 250),
        "education": {"highest": "high_school"},
        "programs": [
            {
                "field": "phlebotomy",
                "completed": ("ago", 1),
                "didactic_hours": 22,
                "practicum_hours": 42,
                "state_approved": ["CA"],
            }
        ],
        "experience": [],
        "procedures": {"venipunctures": 55, "capillary_sticks": 27},
        "credentials": [],
    },
    {
        "name": "MLT holder with a bachelor, lab 26 months",
        "birth_date": ("ago", 360),
        "education": {
            "highest": "bachelor",
            "semester_hours": {"chemistry": 18, "biology": 18},
            "total_semester_hours": 124,
        },
        "programs": [{"field": "mlt", "accreditation": ["NAACLS"], "completed": ("ago", 30)}],
        "experience": [
            {
                "field": "clinical_laboratory",
                "started": ("ago", 26),
                "duties": [
                    "blood_bank",
                    "chemistry",
                    "hematology",
                    "microbiology",
                    "immunology",
                    "urinalysis",
                    "lab_operations",
                ],
            }
        ],
        "credentials": [{"id": "mlt-ascp", "earned": ("ago", 29)}],
    },
    {
        "name": "lab worker with a bachelor, 65 months",
        "birth_date": ("ago", 440),
        "education": {
            "highest": "bachelor",
            "semester_hours": {"chemistry": 17, "biology": 19},
            "total_semester_hours": 120,
        },
        "programs": [],
        "experience": [{"field": "clinical_laboratory", "started": ("ago", 65)}],
        "credentials": [],
    },
    {
        "name": "patient care aide on the job, 13 months",
        "birth_date": ("ago", 300),
        "education": {"highest": "high_school"},
        "programs": [],
        "experience": [{"field": "patient_care", "started": ("ago", 13)}],
        "credentials": [],
    },
)


def _dated(value: Any, as_of: dt.date) -> Any:
    if isinstance(value, tuple) and value and value[0] == "ago":
        return as_of - dt.timedelta(days=round(value[1] * _DAYS_A_MONTH))
    if isinstance(value, dict):
        return {k: _dated(v, as_of) for k, v in value.items()}
    if isinstance(value, list):
        return [_dated(v, as_of) for v in value]
    return value


def archetype_profiles(as_of: dt.date) -> list[Profile]:
    """The archetypes as profiles evaluated on `as_of`."""
    return [Profile.model_validate({**_dated(a, as_of), "as_of": as_of}) for a in ARCHETYPES]

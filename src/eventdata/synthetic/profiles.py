"""Country profiles: what the generator knows about each country it writes events for.

Each :class:`Profile` holds ACLED's country label and ISO code, a rough bounding box,
named places (admin1 to location), actor names per actor type and news sources. The
weights set the country mix, close to that of a real multi-country export.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PROFILES", "WIRES", "Profile"]


@dataclass(frozen=True)
class Profile:
    """What the generator knows about one country."""

    country: str  # ACLED's country label
    iso: int
    region: str
    weight: float
    lat: tuple[float, float]  # rough bounding box
    lon: tuple[float, float]
    places: tuple[tuple[str, str, str, str], ...]  # admin1, admin2, admin3, location
    state_since: int
    rebels: tuple[str, ...]
    identity: tuple[str, ...]
    external: tuple[str, ...]
    sources: tuple[str, ...]

    def actors(self, code: int) -> tuple[str, ...]:
        """Actor names of one actor-type code (0 = no actor)."""
        c, since = self.country, self.state_since
        return {
            0: ("",),
            1: (
                f"Military Forces of {c} ({since}-)",
                f"Police Forces of {c} ({since}-)",
                f"Military Forces of {c} ({since}-) Special Forces",
                f"Government of {c} ({since}-)",
            ),
            2: self.rebels,
            3: (f"Unidentified Armed Group ({c})", f"Unidentified Political Militia ({c})"),
            4: self.identity,
            5: (f"Rioters ({c})",),
            6: (f"Protesters ({c})",),
            7: (f"Civilians ({c})",),
            8: self.external,
        }[code]

    def social_groups(self) -> tuple[str, ...]:
        """Associated actors for protesters, rioters and civilians."""
        c = self.country
        return tuple(
            f"{group} ({c})"
            for group in (
                "Women",
                "Labor Group",
                "Students",
                "Journalists",
                "Farmers",
                "Health Workers",
                "Refugees/IDPs",
                "Teachers",
                "Muslim Group",
                "Traders",
            )
        )


_US = "Military Forces of the United States (2025-)"
_TR = "Military Forces of Turkey (2016-)"
_UMF = "Unidentified Military Forces"
WIRES = ("Reuters", "AFP", "Xinhua", "Al Jazeera", "Undisclosed Source")

PROFILES: tuple[Profile, ...] = (
    Profile(
        "Somalia", 706, "Eastern Africa", 0.45, (-1.6, 11.9), (41.0, 51.4),
        (
            ("Banadir", "Mogadishu", "", "Mogadishu - Hodan"),
            ("Banadir", "Mogadishu", "", "Mogadishu - Daynile"),
            ("Banadir", "Mogadishu", "", "Mogadishu - Wadajir"),
            ("Lower Shabelle", "Afgooye", "", "Afgooye"),
            ("Lower Shabelle", "Qoryooley", "", "Qoryooley"),
            ("Lower Shabelle", "Marka", "", "Marka"),
            ("Middle Shabelle", "Balcad", "", "Balade"),
            ("Middle Shabelle", "Cadale", "", "Masjid Cali Gaduud"),
            ("Bay", "Baydhaba", "", "Baidoa"),
            ("Bari", "Qandala", "", "Buuraha Cali Miskat"),
            ("Bari", "Bossaso", "", "Bosaso"),
            ("Lower Juba", "Jamaame", "", "Jamaame"),
            ("Lower Juba", "Kismaayo", "", "Kismayo"),
            ("Hiraan", "Belet Weyne", "", "Beledweyne"),
            ("Galgaduud", "Dhuusamarreeb", "", "Dhusamareb"),
            ("Mudug", "Gaalkacyo", "", "Gaalkacyo"),
            ("Gedo", "Luuq", "", "Luuq"),
        ),
        2022,
        ("Al Shabaab", "Islamic State Somalia Province"),
        (
            "Hawiye-Hawadle Sub-Clan Militia (Somalia)",
            "Hawiye-Abgal Sub-Clan Militia (Somalia)",
            "Unidentified Clan Militia (Somalia)",
            "Dir-Issa Mamasaan Sub-Clan Militia (Somalia)",
        ),
        (_US, _TR, _UMF, "Military Forces of Ethiopia (2018-)",
         "AUSSOM: Africa Union Support and Stabilisation Mission in Somalia (2025-) (Uganda)"),
        ("Local Network", "Radio Kulmiye", "Calamada", "Caasimada", "Somali Memo",
         "Shabelle Media Network", "Hiiraan (Somalia)", "Garowe Online", "AFRICOM"),
    ),
    Profile(
        "Iraq", 368, "Middle East", 0.20, (29.1, 37.3), (38.8, 48.6),
        (
            ("Baghdad", "Al Resafa", "Markaz Al Resafa", "Baghdad - Sadr City"),
            ("Baghdad", "Al Karkh", "Markaz Al Karkh", "Baghdad - Al Mansour"),
            ("Duhok", "Al Amadiya", "Sarsank", "Gize"),
            ("Duhok", "Zakho", "Markaz Zakho", "Zakho"),
            ("Erbil", "Soran", "Sidakan", "Sidakan"),
            ("Al Sulaymaniyah", "Chamchamal", "Agjalare", "Aghceler"),
            ("Ninewa", "Al Mosul", "Markaz Al Mosul", "Mosul"),
            ("Ninewa", "Sinjar", "Markaz Sinjar", "Sinjar"),
            ("Kirkuk", "Kirkuk", "Markaz Kirkuk", "Kirkuk"),
            ("Salah al-Din", "Tikrit", "Markaz Tikrit", "Tikrit"),
            ("Diyala", "Khanaqin", "Jalawla", "Jalawla"),
            ("Al Anbar", "Al Ramadi", "Markaz Al Ramadi", "Ramadi"),
            ("Basrah", "Al Basrah", "Markaz Al Basrah", "Basrah"),
        ),
        2022,
        ("PKK: Kurdistan Workers Party", "Islamic State (Iraq)"),
        ("Unidentified Tribal Militia (Iraq)", "Al Bu Hardan Tribal Militia (Iraq)"),
        (_TR, _US, _UMF, "Military Forces of Iran (1989-)"),
        ("Shafaq News", "Rudaw", "Kurdistan 24", "Basnews", "People's Defense Forces",
         "Iraqi News Agency", "Baghdad Today"),
    ),
    Profile(
        "Syria", 760, "Middle East", 0.10, (32.3, 37.3), (35.7, 42.4),
        (
            ("Aleppo", "Jebel Saman", "Jebel Saman", "Aleppo"),
            ("Idleb", "Idleb", "Idleb", "Idleb"),
            ("Idleb", "Ariha", "Ariha", "Ariha"),
            ("Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor"),
            ("Deir-ez-Zor", "Al Mayadin", "Thiban", "Thiban"),
            ("Dar'a", "Dar'a", "Dar'a", "Dar'a"),
            ("Damascus", "Damascus", "Damascus", "Damascus - Kafr Sousa"),
            ("Al-Hasakeh", "Quamishli", "Quamishli", "Quamishli"),
            ("Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa"),
            ("Homs", "Homs", "Homs", "Homs"),
        ),
        2024,
        ("QSD: Syrian Democratic Forces", "Islamic State (Syria)"),
        ("Unidentified Tribal Militia (Syria)", "Druze Militia (Syria)"),
        ("Military Forces of Israel (2022-)", _TR, _US, _UMF),
        ("SOHR", "Deir Ezzor 24", "Enab Baladi", "North Press Agency", "SANA"),
    ),
    Profile(
        "Yemen", 887, "Middle East", 0.08, (12.6, 19.0), (42.6, 53.1),
        (
            ("Amanat al Asimah", "Ma'in", "", "Sanaa - Ma'in"),
            ("Taizz", "Al Qahirah", "", "Taizz - Al Qahirah"),
            ("Al Hudaydah", "Al Hali", "", "Al Hudaydah"),
            ("Marib", "Marib City", "", "Marib"),
            ("Ad Dali", "Qatabah", "", "Qatabah"),
            ("Sadah", "Shada'a", "", "Al Raqw"),
            ("Aden", "Khur Maksar", "", "Aden - Khur Maksar"),
            ("Lahij", "Al Had", "", "Yafa"),
        ),
        2016,
        ("AQAP: Al Qaeda in the Arabian Peninsula", "Southern Transitional Council"),
        ("Unidentified Tribal Militia (Yemen)", "Murad Tribal Militia (Yemen)"),
        ("Military Forces of the United States (2025-)", "Military Forces of Israel (2022-)",
         "Operation Restoring Hope", _UMF),
        ("Yemen News Agency (SABA) - Houthi", "Al Masdar", "Aden al Ghad", "Yemen Data Project",
         "Al Masirah"),
    ),
    Profile(
        "Sudan", 729, "Northern Africa", 0.06, (8.7, 22.0), (21.8, 38.6),
        (
            ("Khartoum", "Khartoum", "", "Khartoum"),
            ("Khartoum", "Um Durman", "", "Omdurman"),
            ("Khartoum", "Bahri", "", "Khartoum North"),
            ("North Darfur", "Al Fasher", "", "El Fasher"),
            ("South Darfur", "Nyala Shimal", "", "Nyala"),
            ("North Kordofan", "Sheikan", "", "El Obeid"),
            ("Al Jazirah", "Medani Al Kubra", "", "Wad Madani"),
            ("West Darfur", "Al Geneina", "", "El Geneina"),
        ),
        2019,
        ("Rapid Support Forces", "SPLM-N: Sudan People's Liberation Movement-North"),
        ("Misseriya Ethnic Militia (Sudan)", "Masalit Ethnic Militia (Sudan)"),
        (_UMF, "Military Forces of Chad (2021-)"),
        ("Radio Dabanga", "Sudan Tribune", "Darfur 24", "Sudan Doctors Network"),
    ),
    Profile(
        "Ethiopia", 231, "Eastern Africa", 0.05, (3.4, 14.9), (33.0, 48.0),
        (
            ("Amhara", "North Gondar", "Gondar Town", "Gondar"),
            ("Amhara", "Bahir Dar Special Zone", "Bahir Dar Town", "Bahir Dar"),
            ("Oromia", "West Shewa", "Ambo Town", "Ambo"),
            ("Oromia", "Horo Guduru Wollega", "Shambu Town", "Shambu"),
            ("Tigray", "Mekele", "Mekele Town", "Mekele"),
            ("Addis Ababa", "Addis Ababa", "Bole", "Addis Ababa - Bole"),
        ),
        2018,
        ("Fano Militia", "OLF-Shane: Oromo Liberation Front-Shane"),
        ("Amhara Ethnic Militia (Ethiopia)", "Gumuz Ethnic Militia (Ethiopia)"),
        (_UMF, "Military Forces of Eritrea (1993-)"),
        ("Addis Standard", "Borkena", "Ethiopia Insight", "BBC News"),
    ),
    Profile(
        "Kenya", 404, "Eastern Africa", 0.03, (-4.7, 5.0), (33.9, 41.9),
        (
            ("Nairobi", "Starehe", "Nairobi Central", "Nairobi - Central"),
            ("Mandera", "Mandera East", "Township", "Mandera"),
            ("Lamu", "Lamu West", "Mpeketoni", "Mpeketoni"),
            ("Garissa", "Garissa Township", "Township", "Garissa"),
            ("Mombasa", "Mvita", "Tononoka", "Mombasa"),
        ),
        2022,
        ("Al Shabaab",),
        ("Pokot Ethnic Militia (Kenya)", "Turkana Ethnic Militia (Kenya)"),
        (_UMF,),
        ("The Star (Kenya)", "Daily Nation", "The Standard (Kenya)", "Capital FM"),
    ),
    Profile(
        "Afghanistan", 4, "Caucasus and Central Asia", 0.02, (29.4, 38.5), (60.5, 74.9),
        (
            ("Kabul", "Kabul", "", "Kabul"),
            ("Balkh", "Dawlat Abad", "", "Dawlat Abad"),
            ("Nangarhar", "Jalalabad", "", "Jalalabad"),
            ("Kandahar", "Kandahar", "", "Kandahar"),
            ("Panjsher", "Rukha", "", "Rukha"),
        ),
        2021,
        ("NRF: National Resistance Front", "Islamic State Khorasan Province"),
        ("Kuchi Ethnic Militia (Afghanistan)",),
        ("Military Forces of Pakistan (2024-)", _UMF),
        ("Pajhwok Afghan News", "Khaama Press", "Afghanistan International", "Amu TV"),
    ),
    Profile(
        "Nigeria", 566, "Western Africa", 0.01, (4.3, 13.9), (2.7, 14.7),
        (
            ("Borno", "Maiduguri", "", "Maiduguri"),
            ("Borno", "Gwoza", "", "Gwoza"),
            ("Zamfara", "Gusau", "", "Gusau"),
            ("Lagos", "Ikeja", "", "Ikeja"),
            ("Plateau", "Bokkos", "", "Bokkos"),
            ("Kaduna", "Kajuru", "", "Kajuru"),
        ),
        2023,
        ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
         "Islamic State West Africa Province"),
        ("Fulani Ethnic Militia (Nigeria)", "Unidentified Communal Militia (Nigeria)"),
        (_UMF,),
        ("Premium Times", "Daily Trust", "Punch (Nigeria)", "Vanguard (Nigeria)"),
    ),
)  # fmt: skip

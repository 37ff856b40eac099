"""ISO 3166-1 countries: numeric code, alpha-3 code and English short name.

ACLED's ``iso`` column holds the ISO 3166-1 *numeric* code, not zero-padded
(Afghanistan ``4``, Iraq ``368``), and the letters that prefix ``event_id_cnty``
(``IRQ50538``, ``SOM49639``) are mostly the ISO 3166-1 *alpha-3* code of the same country.
Some countries keep ACLED's own code (``NIG`` for Nigeria):
:mod:`eventdata.vocabulary.acled_countries` declares those, and its ``acled_prefix``
gives the prefix ACLED uses for a row's ``iso``.

The table below is written out literally, one line per country, so that it can be
audited against the ISO 3166-1 list line by line. It holds the 249 officially assigned
codes; user-assigned codes that some agencies use (for example ``XKX`` for Kosovo) are
not part of ISO 3166-1 and are not listed. Names are ISO's English short names; ACLED's
``country`` column often uses a common name instead (``Syria``, ``Iran``, ``Turkey``,
``Democratic Republic of Congo``), so look countries up by code, not by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "COUNTRIES",
    "Country",
    "alpha3_from_numeric",
    "country_from_alpha3",
    "country_from_numeric",
    "event_id_prefix",
    "numeric_from_alpha3",
]


class Country(NamedTuple):
    """One ISO 3166-1 country.

    Attributes:
        numeric: ISO 3166-1 numeric code (ACLED's ``iso`` column), e.g. 368.
        alpha3: ISO 3166-1 alpha-3 code (ACLED's event-id prefix), e.g. ``IRQ``.
        name: ISO's English short name, e.g. ``Iraq``.

    """

    numeric: int
    alpha3: str
    name: str


_C = Country

# fmt: off
COUNTRIES: tuple[Country, ...] = (
    _C(4, "AFG", "Afghanistan"),
    _C(248, "ALA", "Åland Islands"),
    _C(8, "ALB", "Albania"),
    _C(12, "DZA", "Algeria"),
    _C(16, "ASM", "American Samoa"),
    _C(20, "AND", "Andorra"),
    _C(24, "AGO", "Angola"),
    _C(660, "AIA", "Anguilla"),
    _C(10, "ATA", "Antarctica"),
    _C(28, "ATG", "Antigua and Barbuda"),
    _C(32, "ARG", "Argentina"),
    _C(51, "ARM", "Armenia"),
    _C(533, "ABW", "Aruba"),
    _C(36, "AUS", "Australia"),
    _C(40, "AUT", "Austria"),
    _C(31, "AZE", "Azerbaijan"),
    _C(44, "BHS", "Bahamas"),
    _C(48, "BHR", "Bahrain"),
    _C(50, "BGD", "Bangladesh"),
    _C(52, "BRB", "Barbados"),
    _C(112, "BLR", "Belarus"),
    _C(56, "BEL", "Belgium"),
    _C(84, "BLZ", "Belize"),
    _C(204, "BEN", "Benin"),
    _C(60, "BMU", "Bermuda"),
    _C(64, "BTN", "Bhutan"),
    _C(68, "BOL", "Bolivia (Plurinational State of)"),
    _C(535, "BES", "Bonaire, Sint Eustatius and Saba"),
    _C(70, "BIH", "Bosnia and Herzegovina"),
    _C(72, "BWA", "Botswana"),
    _C(74, "BVT", "Bouvet Island"),
    _C(76, "BRA", "Brazil"),
    _C(86, "IOT", "British Indian Ocean Territory"),
    _C(96, "BRN", "Brunei Darussalam"),
    _C(100, "BGR", "Bulgaria"),
    _C(854, "BFA", "Burkina Faso"),
    _C(108, "BDI", "Burundi"),
    _C(132, "CPV", "Cabo Verde"),
    _C(116, "KHM", "Cambodia"),
    _C(120, "CMR", "Cameroon"),
    _C(124, "CAN", "Canada"),
    _C(136, "CYM", "Cayman Islands"),
    _C(140, "CAF", "Central African Republic"),
    _C(148, "TCD", "Chad"),
    _C(152, "CHL", "Chile"),
    _C(156, "CHN", "China"),
    _C(162, "CXR", "Christmas Island"),
    _C(166, "CCK", "Cocos (Keeling) Islands"),
    _C(170, "COL", "Colombia"),
    _C(174, "COM", "Comoros"),
    _C(178, "COG", "Congo"),
    _C(180, "COD", "Congo, Democratic Republic of the"),
    _C(184, "COK", "Cook Islands"),
    _C(188, "CRI", "Costa Rica"),
    _C(384, "CIV", "Côte d'Ivoire"),
    _C(191, "HRV", "Croatia"),
    _C(192, "CUB", "Cuba"),
    _C(531, "CUW", "Curaçao"),
    _C(196, "CYP", "Cyprus"),
    _C(203, "CZE", "Czechia"),
    _C(208, "DNK", "Denmark"),
    _C(262, "DJI", "Djibouti"),
    _C(212, "DMA", "Dominica"),
    _C(214, "DOM", "Dominican Republic"),
    _C(218, "ECU", "Ecuador"),
    _C(818, "EGY", "Egypt"),
    _C(222, "SLV", "El Salvador"),
    _C(226, "GNQ", "Equatorial Guinea"),
    _C(232, "ERI", "Eritrea"),
    _C(233, "EST", "Estonia"),
    _C(748, "SWZ", "Eswatini"),
    _C(231, "ETH", "Ethiopia"),
    _C(238, "FLK", "Falkland Islands (Malvinas)"),
    _C(234, "FRO", "Faroe Islands"),
    _C(242, "FJI", "Fiji"),
    _C(246, "FIN", "Finland"),
    _C(250, "FRA", "France"),
    _C(254, "GUF", "French Guiana"),
    _C(258, "PYF", "French Polynesia"),
    _C(260, "ATF", "French Southern Territories"),
    _C(266, "GAB", "Gabon"),
    _C(270, "GMB", "Gambia"),
    _C(268, "GEO", "Georgia"),
    _C(276, "DEU", "Germany"),
    _C(288, "GHA", "Ghana"),
    _C(292, "GIB", "Gibraltar"),
    _C(300, "GRC", "Greece"),
    _C(304, "GRL", "Greenland"),
    _C(308, "GRD", "Grenada"),
    _C(312, "GLP", "Guadeloupe"),
    _C(316, "GUM", "Guam"),
    _C(320, "GTM", "Guatemala"),
    _C(831, "GGY", "Guernsey"),
    _C(324, "GIN", "Guinea"),
    _C(624, "GNB", "Guinea-Bissau"),
    _C(328, "GUY", "Guyana"),
    _C(332, "HTI", "Haiti"),
    _C(334, "HMD", "Heard Island and McDonald Islands"),
    _C(336, "VAT", "Holy See"),
    _C(340, "HND", "Honduras"),
    _C(344, "HKG", "Hong Kong"),
    _C(348, "HUN", "Hungary"),
    _C(352, "ISL", "Iceland"),
    _C(356, "IND", "India"),
    _C(360, "IDN", "Indonesia"),
    _C(364, "IRN", "Iran (Islamic Republic of)"),
    _C(368, "IRQ", "Iraq"),
    _C(372, "IRL", "Ireland"),
    _C(833, "IMN", "Isle of Man"),
    _C(376, "ISR", "Israel"),
    _C(380, "ITA", "Italy"),
    _C(388, "JAM", "Jamaica"),
    _C(392, "JPN", "Japan"),
    _C(832, "JEY", "Jersey"),
    _C(400, "JOR", "Jordan"),
    _C(398, "KAZ", "Kazakhstan"),
    _C(404, "KEN", "Kenya"),
    _C(296, "KIR", "Kiribati"),
    _C(408, "PRK", "Korea, Democratic People's Republic of"),
    _C(410, "KOR", "Korea, Republic of"),
    _C(414, "KWT", "Kuwait"),
    _C(417, "KGZ", "Kyrgyzstan"),
    _C(418, "LAO", "Lao People's Democratic Republic"),
    _C(428, "LVA", "Latvia"),
    _C(422, "LBN", "Lebanon"),
    _C(426, "LSO", "Lesotho"),
    _C(430, "LBR", "Liberia"),
    _C(434, "LBY", "Libya"),
    _C(438, "LIE", "Liechtenstein"),
    _C(440, "LTU", "Lithuania"),
    _C(442, "LUX", "Luxembourg"),
    _C(446, "MAC", "Macao"),
    _C(450, "MDG", "Madagascar"),
    _C(454, "MWI", "Malawi"),
    _C(458, "MYS", "Malaysia"),
    _C(462, "MDV", "Maldives"),
    _C(466, "MLI", "Mali"),
    _C(470, "MLT", "Malta"),
    _C(584, "MHL", "Marshall Islands"),
    _C(474, "MTQ", "Martinique"),
    _C(478, "MRT", "Mauritania"),
    _C(480, "MUS", "Mauritius"),
    _C(175, "MYT", "Mayotte"),
    _C(484, "MEX", "Mexico"),
    _C(583, "FSM", "Micronesia (Federated States of)"),
    _C(498, "MDA", "Moldova, Republic of"),
    _C(492, "MCO", "Monaco"),
    _C(496, "MNG", "Mongolia"),
    _C(499, "MNE", "Montenegro"),
    _C(500, "MSR", "Montserrat"),
    _C(504, "MAR", "Morocco"),
    _C(508, "MOZ", "Mozambique"),
    _C(104, "MMR", "Myanmar"),
    _C(516, "NAM", "Namibia"),
    _C(520, "NRU", "Nauru"),
    _C(524, "NPL", "Nepal"),
    _C(528, "NLD", "Netherlands, Kingdom of the"),
    _C(540, "NCL", "New Caledonia"),
    _C(554, "NZL", "New Zealand"),
    _C(558, "NIC", "Nicaragua"),
    _C(562, "NER", "Niger"),
    _C(566, "NGA", "Nigeria"),
    _C(570, "NIU", "Niue"),
    _C(574, "NFK", "Norfolk Island"),
    _C(807, "MKD", "North Macedonia"),
    _C(580, "MNP", "Northern Mariana Islands"),
    _C(578, "NOR", "Norway"),
    _C(512, "OMN", "Oman"),
    _C(586, "PAK", "Pakistan"),
    _C(585, "PLW", "Palau"),
    _C(275, "PSE", "Palestine, State of"),
    _C(591, "PAN", "Panama"),
    _C(598, "PNG", "Papua New Guinea"),
    _C(600, "PRY", "Paraguay"),
    _C(604, "PER", "Peru"),
    _C(608, "PHL", "Philippines"),
    _C(612, "PCN", "Pitcairn"),
    _C(616, "POL", "Poland"),
    _C(620, "PRT", "Portugal"),
    _C(630, "PRI", "Puerto Rico"),
    _C(634, "QAT", "Qatar"),
    _C(638, "REU", "Réunion"),
    _C(642, "ROU", "Romania"),
    _C(643, "RUS", "Russian Federation"),
    _C(646, "RWA", "Rwanda"),
    _C(652, "BLM", "Saint Barthélemy"),
    _C(654, "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    _C(659, "KNA", "Saint Kitts and Nevis"),
    _C(662, "LCA", "Saint Lucia"),
    _C(663, "MAF", "Saint Martin (French part)"),
    _C(666, "SPM", "Saint Pierre and Miquelon"),
    _C(670, "VCT", "Saint Vincent and the Grenadines"),
    _C(882, "WSM", "Samoa"),
    _C(674, "SMR", "San Marino"),
    _C(678, "STP", "Sao Tome and Principe"),
    _C(682, "SAU", "Saudi Arabia"),
    _C(686, "SEN", "Senegal"),
    _C(688, "SRB", "Serbia"),
    _C(690, "SYC", "Seychelles"),
    _C(694, "SLE", "Sierra Leone"),
    _C(702, "SGP", "Singapore"),
    _C(534, "SXM", "Sint Maarten (Dutch part)"),
    _C(703, "SVK", "Slovakia"),
    _C(705, "SVN", "Slovenia"),
    _C(90, "SLB", "Solomon Islands"),
    _C(706, "SOM", "Somalia"),
    _C(710, "ZAF", "South Africa"),
    _C(239, "SGS", "South Georgia and the South Sandwich Islands"),
    _C(728, "SSD", "South Sudan"),
    _C(724, "ESP", "Spain"),
    _C(144, "LKA", "Sri Lanka"),
    _C(729, "SDN", "Sudan"),
    _C(740, "SUR", "Suriname"),
    _C(744, "SJM", "Svalbard and Jan Mayen"),
    _C(752, "SWE", "Sweden"),
    _C(756, "CHE", "Switzerland"),
    _C(760, "SYR", "Syrian Arab Republic"),
    _C(158, "TWN", "Taiwan, Province of China"),
    _C(762, "TJK", "Tajikistan"),
    _C(834, "TZA", "Tanzania, United Republic of"),
    _C(764, "THA", "Thailand"),
    _C(626, "TLS", "Timor-Leste"),
    _C(768, "TGO", "Togo"),
    _C(772, "TKL", "Tokelau"),
    _C(776, "TON", "Tonga"),
    _C(780, "TTO", "Trinidad and Tobago"),
    _C(788, "TUN", "Tunisia"),
    _C(792, "TUR", "Türkiye"),
    _C(795, "TKM", "Turkmenistan"),
    _C(796, "TCA", "Turks and Caicos Islands"),
    _C(798, "TUV", "Tuvalu"),
    _C(800, "UGA", "Uganda"),
    _C(804, "UKR", "Ukraine"),
    _C(784, "ARE", "United Arab Emirates"),
    _C(826, "GBR", "United Kingdom of Great Britain and Northern Ireland"),
    _C(840, "USA", "United States of America"),
    _C(581, "UMI", "United States Minor Outlying Islands"),
    _C(858, "URY", "Uruguay"),
    _C(860, "UZB", "Uzbekistan"),
    _C(548, "VUT", "Vanuatu"),
    _C(862, "VEN", "Venezuela (Bolivarian Republic of)"),
    _C(704, "VNM", "Viet Nam"),
    _C(92, "VGB", "Virgin Islands (British)"),
    _C(850, "VIR", "Virgin Islands (U.S.)"),
    _C(876, "WLF", "Wallis and Futuna"),
    _C(732, "ESH", "Western Sahara"),
    _C(887, "YEM", "Yemen"),
    _C(894, "ZMB", "Zambia"),
    _C(716, "ZWE", "Zimbabwe"),
)
"""The 249 ISO 3166-1 countries, in the order of ISO's list (by English short name)."""
# fmt: on

_BY_NUMERIC: Mapping[int, Country] = MappingProxyType({c.numeric: c for c in COUNTRIES})
_BY_ALPHA3: Mapping[str, Country] = MappingProxyType({c.alpha3: c for c in COUNTRIES})


def country_from_numeric(code: int | str) -> Country:
    """Return the country of an ISO 3166-1 numeric code, given as int or text (``"004"``).

    Args:
        code: the numeric code, e.g. ACLED's ``iso`` value.

    Returns:
        The country.

    Raises:
        ValueError: if the code is not an assigned ISO 3166-1 numeric code.

    """
    try:
        return _BY_NUMERIC[int(code)]
    except (KeyError, ValueError, TypeError):
        raise ValueError(f"{code!r} is not an ISO 3166-1 numeric country code") from None


def country_from_alpha3(code: str) -> Country:
    """Return the country of an ISO 3166-1 alpha-3 code such as ``IRQ`` (any case).

    Raises:
        ValueError: if the code is not an assigned ISO 3166-1 alpha-3 code.

    """
    try:
        return _BY_ALPHA3[code.upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code") from None


def alpha3_from_numeric(code: int | str) -> str:
    """Return the alpha-3 code of a numeric code: ``alpha3_from_numeric(368) == "IRQ"``.

    Raises:
        ValueError: if the code is not an assigned ISO 3166-1 numeric code.

    """
    return country_from_numeric(code).alpha3


def numeric_from_alpha3(code: str) -> int:
    """Return the numeric code of an alpha-3 code: ``numeric_from_alpha3("AFG") == 4``.

    Raises:
        ValueError: if the code is not an assigned ISO 3166-1 alpha-3 code.

    """
    return country_from_alpha3(code).numeric


def event_id_prefix(event_id_cnty: str) -> str:
    """Return the letters before the number of an ACLED event id: ``"IRQ50538"`` -> ``"IRQ"``.

    For current ACLED data the prefix is the alpha-3 code of the row's ``iso`` or ACLED's
    own code for it (see :mod:`eventdata.vocabulary.acled_countries`). Returns ``""``
    when the id does not start with a letter.
    """
    end = 0
    while end < len(event_id_cnty) and event_id_cnty[end].isalpha():
        end += 1
    return event_id_cnty[:end]

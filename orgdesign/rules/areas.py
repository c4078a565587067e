"""The areas both roles touch, and how each splits into an internal and a product side.

Source: 001 and 003 (digital transformation, cybersecurity, data management and
innovation strategy are shared; each role takes one side of each).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    label: str
    internal: str  # the CIO's side
    product: str  # the CTO's side
    lead: str  # who leads when both seats exist and the company sells technology
    # Who holds the area in the CIO-led model (003: a CIO over application development and
    # a CTO for architecture, infrastructure and operations), where there is no product.
    cio_led_owner: str


AREAS: tuple[Area, ...] = (
    Area(
        "digital_transformation",
        "Digital transformation",
        "Streamline and automate the company's own processes",
        "Bring in technology that changes how products and services reach customers",
        lead="cto",
        cio_led_owner="cio",
    ),
    Area(
        "cybersecurity",
        "Cybersecurity",
        "Protect internal systems, staff devices and suppliers' access",
        "Secure the product and customer data end to end",
        lead="cio",
        cio_led_owner="cio",
    ),
    Area(
        "data_management",
        "Data management",
        "Storage, governance, retention and compliance of company data",
        "Use data to build the product and understand customers",
        lead="cio",
        cio_led_owner="cio",
    ),
    Area(
        "innovation_strategy",
        "Innovation strategy",
        "Keep the internal infrastructure ready for new technology",
        "Run experiments that change the customer experience",
        lead="cto",
        cio_led_owner="cto",
    ),
)

"""pywa as a template author, for tests/tests/interop.rs: creates a marketing template through
the sandbox with pywa's own `Template` types (header, body, footer, URL and quick-reply buttons,
time-to-live, creative features), sends one the sandbox rejects, then lists them back with
`get_templates()` and prints, as JSON, what pywa read.

Usage: templates.py BASE_URL PHONE_NUMBER_ID WABA_ID TOKEN
"""

import json
import sys

from pywa import WhatsApp
from pywa.types.templates import (
    BodyText,
    Buttons,
    CreativeFeaturesSpec,
    DegreesOfFreedomSpec,
    FooterText,
    HeaderText,
    ParamFormat,
    QuickReplyButton,
    Template,
    TemplateCategory,
    TemplateLanguage,
    URLButton,
)

base, phone, waba, token = sys.argv[1:5]
wa = WhatsApp(phone_id=phone, token=token, waba_id=waba, api_version="23.0")
wa.api._session.base_url = f"{base}/v23.0"


def template(name: str, body: BodyText) -> Template:
    return Template(
        name=name,
        language=TemplateLanguage.ENGLISH_US,
        category=TemplateCategory.MARKETING,
        parameter_format=ParamFormat.POSITIONAL,
        components=[
            HeaderText("Autumn {{1}}", "range"),
            body,
            FooterText(text="Reply STOP to opt out"),
            Buttons(
                buttons=[
                    URLButton(text="Shop", url="https://shop.example/{{1}}", example="autumn"),
                    QuickReplyButton(text="Stop promotions"),
                ]
            ),
        ],
        message_send_ttl_seconds=172800,
        degrees_of_freedom_spec=DegreesOfFreedomSpec(
            creative_features_spec=CreativeFeaturesSpec(image_touchups=True, image_animation=False)
        ),
    )


good = wa.create_template(
    template("pywa_autumn", BodyText("Hello {{1}}, the autumn range is in store now; see you soon.", "Ana"))
)
# A body that ends with its variable: Meta rejects it in review (INVALID_FORMAT).
bad = wa.create_template(template("pywa_edge", BodyText("Our autumn range is in, {{1}}", "Ana")))
seen = {"created": {}, "listed": {}}
for name, created in (("pywa_autumn", good), ("pywa_edge", bad)):
    seen["created"][name] = {"id": created.id, "status": str(created.status), "category": str(created.category)}
for listed in wa.get_templates():
    if listed.name not in seen["created"]:
        continue
    features = listed.degrees_of_freedom_spec.creative_features_spec if listed.degrees_of_freedom_spec else None
    seen["listed"][listed.name] = {
        "id": listed.id,
        "status": str(listed.status),
        "ttl": listed.message_send_ttl_seconds,
        "image_touchups": features.image_touchups if features else None,
        "image_animation": features.image_animation if features else None,
        "components": len(listed.components),
    }
print(json.dumps(seen))

"""pywa as a sending client of the sandbox: lists the templates and sends marketing
messages through the MM Lite endpoint, printing one JSON object with what it saw."""
import datetime
import json
import sys

from pywa import WhatsApp
from pywa.errors import WhatsAppError
from pywa.types.templates import (
    BodyText,
    CopyCodeButton,
    HeaderImage,
    LimitedTimeOffer,
    TemplateLanguage,
    TemplateStatus,
    URLButton,
)

base, phone, waba, token = sys.argv[1:5]
wa = WhatsApp(phone_id=phone, token=token, waba_id=waba, api_version="23.0")
# pywa always talks to graph.facebook.com; point its HTTP session at the sandbox instead.
wa.api._session.base_url = f"{base}/v23.0"

listing = wa.get_templates()
approved_with_spring = wa.get_templates(statuses=[TemplateStatus.APPROVED], content="spring")
out = {
    "templates": sorted(t.name for t in listing),
    "total_count": listing.total_count,
    "message_template_limit": listing.message_template_limit,
    "filtered": sorted(t.name for t in approved_with_spring),
    "sends": {},
}


def send(label, **kwargs):
    try:
        sent = wa.send_template(use_mm_lite_api=True, **kwargs)
        out["sends"][label] = {"id": sent.id, "input": sent.input, "to": str(sent.to), "status": str(sent.status)}
    except WhatsAppError as e:
        out["sends"][label] = {"error": e.code, "details": e.details}


send("positional", to="447700900123", name="spring_sale",
     language=TemplateLanguage.ENGLISH_US, params=[BodyText.params("Ana")])
send("formatted_number", to="+1 (631) 555-2223", name="spring_sale",
     language=TemplateLanguage.ENGLISH_US, params=[BodyText.params("Ben")],
     message_activity_sharing=True)
send("named_rich", to="5511987654321", name="flash_deal",
     language=TemplateLanguage.PORTUGUESE_BR,
     params=[
         HeaderImage.params(image="https://cdn.example.org/deal.jpg"),
         LimitedTimeOffer.params(expiration_time=datetime.datetime(2030, 12, 31, 23, 0,
                                                                   tzinfo=datetime.timezone.utc)),
         BodyText.params(first_name="Marina", price="R$ 149,90"),
         CopyCodeButton.params(coupon_code="FLASH42", index=0),
         URLButton.params(url_variable="deal42", index=1),
     ])
send("reply", to="447700900124", name="spring_sale",
     language=TemplateLanguage.ENGLISH_US, params=[BodyText.params("Cy")],
     reply_to_message_id="wamid.HBgLNDQ3NzAwOTAwMTIzFQIAERgSQUJDMTIzAA==")
print(json.dumps(out))

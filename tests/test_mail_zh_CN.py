"""A chatter notification mailed in Simplified Chinese keeps its subject.

Odoo 11's zh_CN catalogue of mail translates the code of the notification
template's subject (``${object.subject 或 …}``): mako cannot compile it, mail
logs "Failed to load template" and the mail goes out without a subject. The
suite puts a corrected term back whenever Odoo loads catalogues
(ecom_order_mgmt/models/ir_translation.py).

Odoo 11 renders a notification in the language of the person who posts it
(the context), once for all its recipients: here a Chinese-speaking user
posts, and the follower reads Chinese too.
"""
import contextlib
import logging

from odoo.tests.common import TransactionCase

TEMPLATE_LOGGER = "odoo.addons.mail.models.mail_template"


class _Collect(logging.Handler):
    def __init__(self):
        super(_Collect, self).__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def template_log():
    """What mail's template engine logs meanwhile (at any level)."""
    logger = logging.getLogger(TEMPLATE_LOGGER)
    handler, level = _Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class TestMailZhCN(TransactionCase):

    def setUp(self):
        super(TestMailZhCN, self).setUp()
        self.assertTrue(self.env["res.lang"].search([("code", "=", "zh_CN")]),
                        "the test database has Simplified Chinese installed")
        self.follower = self.env["res.partner"].create({
            "name": "王小红", "email": "xiaohong@example.com", "lang": "zh_CN"})
        self.shop = self.env["res.partner"].create({"name": "杭州旗舰店", "is_company": True})
        self.shop.message_subscribe(partner_ids=self.follower.ids)

    def _notify(self, body):
        """Post on the shop's chatter as a user working in Chinese; the mail
        the follower gets."""
        self.shop.with_context(lang="zh_CN", mail_notify_force_send=False).message_post(
            body=body, message_type="comment", subtype="mail.mt_comment")
        return self.env["mail.mail"].search([
            ("recipient_ids", "in", self.follower.ids), ("body_html", "like", body)])

    def test_notification_in_chinese_has_its_subject(self):
        with template_log() as logged:
            mail = self._notify("请确认发货时间")
        self.assertEqual(len(mail), 1)
        # No subject of its own: the template's "Re: <record>"
        self.assertEqual(mail.subject, "Re: 杭州旗舰店")
        self.assertFalse([m for m in logged if "Failed to" in m], logged)

    def test_the_correction_survives_a_reload_of_mails_catalogue(self):
        # As a language update that overwrites existing terms, or
        # `-u mail --i18n-overwrite`, does.
        self.env["ir.translation"].with_context(overwrite=True).load_module_terms(
            ["mail"], ["zh_CN"])
        with template_log() as logged:
            mail = self._notify("已发货")
        self.assertEqual(mail.subject, "Re: 杭州旗舰店")
        self.assertFalse([m for m in logged if "Failed to" in m], logged)

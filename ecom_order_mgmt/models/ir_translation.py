# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Corrections of Odoo's own catalogues where a translation breaks the code.

Odoo 11's zh_CN catalogue of mail translates the code of the default
notification template's subject (``${object.subject 或 …}``): every chatter
notification mailed in Chinese then logs "Failed to load template" and goes
out without a subject. The corrected terms are put back each time Odoo loads
catalogues, so that neither an upgrade, nor a language installed later, nor
a reload that overwrites existing terms brings the broken one back.
"""
from odoo import api, models

# {(xml id of the record, translated field): {language: corrected term}};
# None stands for the source itself: the whole term is template code, with
# nothing in it to translate.
CORRECTED_TERMS = {
    ("mail.mail_template_data_notification_email_default", "subject"): {"zh_CN": None},
}


class IrTranslation(models.Model):
    _inherit = "ir.translation"

    @api.model_cr_context
    def load_module_terms(self, modules, langs):
        """Load the catalogues, then put the corrected terms back.

        Odoo calls this whenever it loads catalogues: when a module is
        installed or upgraded, when a language is installed or its terms
        are updated.
        """
        result = super(IrTranslation, self).load_module_terms(modules, langs)
        self._ecom_correct_terms(langs)
        return result

    @api.model
    def _ecom_correct_terms(self, langs):
        """Write the terms of CORRECTED_TERMS in `langs` that differ."""
        for (xmlid, field), corrections in CORRECTED_TERMS.items():
            record = self.env.ref(xmlid, raise_if_not_found=False)
            todo = [lang for lang in corrections if lang in langs]
            if not record or not todo:
                continue
            terms = self.sudo().search([
                ("type", "=", "model"), ("name", "=", "%s,%s" % (record._name, field)),
                ("res_id", "=", record.id), ("lang", "in", todo)])
            for term in terms:
                value = corrections[term.lang] or term.src
                if term.value != value:
                    term.write({"value": value})
        return True

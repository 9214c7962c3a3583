# The formula language. One nonterminal per precedence level, loosest first, left-recursive for
# left-associative operators, so that every formula has exactly one parse (a test checks this).
#
#   Sum      a + b, a − b
#   Product  a × b, a · b, a * b, a / b           (1/2k is 1/(2k): implicit products bind tighter)
#   Unary    −a                                    (−x² is −(x²): powers bind tighter than minus)
#   Implicit 2k, 2(a + b), 2√x                     (a number times what follows it)
#   Power    a^b, right-associative: a^b^c = a^(b^c); the exponent may be negated: 2^−3
#   Postfix  x², 10²³, x⁻¹
#   Primary  numbers, names, (…), f(…), √x         (√ applies to the primary after it)

@preprocessor typescript

@{%
import { lexer } from "./lexer.js";
import * as a from "./grammar-actions.js";
%}

@lexer lexer

Main -> Sum                         {% ([e]) => e %}

Sum -> Sum %plus Product            {% a.binary("+") %}
     | Sum %minus Product           {% a.binary("-") %}
     | Product                      {% ([e]) => e %}

Product -> Product %times Unary     {% a.binary("*") %}
         | Product %divide Unary    {% a.binary("/") %}
         | Unary                    {% ([e]) => e %}

Unary -> %minus Unary               {% a.negate %}
       | Implicit                   {% ([e]) => e %}

Implicit -> %number PowerNN         {% a.implicit %}
          | Power                   {% ([e]) => e %}

Power -> Postfix %caret Exponent    {% a.binary("^") %}
       | Postfix                    {% ([e]) => e %}

Exponent -> %minus Exponent         {% a.negate %}
          | Power                   {% ([e]) => e %}

Postfix -> Primary %superscript     {% a.superscript %}
         | Primary                  {% ([e]) => e %}

Primary -> %number                  {% a.num %}
         | PrimaryNN                {% ([e]) => e %}

# The same levels for what may follow a number in an implicit product: anything but a number.
PowerNN -> PostfixNN %caret Exponent {% a.binary("^") %}
         | PostfixNN                {% ([e]) => e %}

PostfixNN -> PrimaryNN %superscript {% a.superscript %}
           | PrimaryNN              {% ([e]) => e %}

PrimaryNN -> %ident                 {% a.sym %}
           | %lparen Sum %rparen    {% a.group %}
           | %func %lparen Args %rparen {% a.call %}
           | %sqrt Primary          {% a.radical %}

Args -> Sum                         {% a.firstArg %}
      | Args %comma Sum             {% a.moreArgs %}

// Reference implementation of the original rules engine's condition language, for differential tests.
//
// A port, written from ../../../shared/spec/p3-original-behaviour.md section F8, of the original's
// evaluateCondition / validateCondition (server/rules/engine.ts). It runs on real JavaScript, so every coercion,
// comparison, RegExp and TypeError below is the engine's own. Names that appear in V8 error messages (`field`,
// `condition.conditions`) are kept as in the original, so the messages match.
//
// Usage: node conditions.mjs < cases.json > results.json
//   cases.json:   [{"kind": "evaluate", "condition": <json>, "event": <json>}
//                  | {"kind": "validate", "condition": <json>}, ...]
//   results.json: [{"result": true|false} | {"error": "<message>"} | {"errors": ["<message>", ...]}, ...]
// No dependencies; Node.js 18 or newer.

const OPERATORS = ['eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'in', 'nin', 'contains', 'not_contains', 'matches',
  'not_matches', 'exists', 'not_exists'];
const NO_VALUE_OPERATORS = ['exists', 'not_exists'];

function evaluateCondition(condition, event) {
  if (condition.conditions && Array.isArray(condition.conditions)) {
    const logic = condition.logic || 'and';
    return logic === 'and'
      ? condition.conditions.every((child) => evaluateCondition(child, event))
      : condition.conditions.some((child) => evaluateCondition(child, event));
  }
  const { field, operator, value } = condition;
  if (!field) {
    throw new Error('Condition must have a field');
  }
  return applyOperator(operator, lookUp(event, field), value);
}

function lookUp(event, field) {
  const parts = field.split('.'); // a separate statement, so V8 says "field.split is not a function"
  let current = event;
  for (const part of parts) {
    if (current === null || current === undefined) {
      return undefined;
    }
    current = current[part];
  }
  return current;
}

function applyOperator(operator, fieldValue, value) {
  switch (operator) {
    case 'eq': return fieldValue === value;
    case 'ne': return fieldValue !== value;
    case 'gt': return fieldValue > value;
    case 'lt': return fieldValue < value;
    case 'gte': return fieldValue >= value;
    case 'lte': return fieldValue <= value;
    case 'in':
      if (!Array.isArray(value)) throw new Error('Value for "in" operator must be an array');
      return value.includes(fieldValue);
    case 'nin':
      if (!Array.isArray(value)) throw new Error('Value for "nin" operator must be an array');
      return !value.includes(fieldValue);
    case 'contains':
      if (typeof fieldValue === 'string' || Array.isArray(fieldValue)) return fieldValue.includes(value);
      return false;
    case 'not_contains':
      if (typeof fieldValue === 'string' || Array.isArray(fieldValue)) return !fieldValue.includes(value);
      return true;
    case 'matches':
      if (typeof fieldValue !== 'string') return false;
      try {
        return new RegExp(value).test(fieldValue);
      } catch {
        return false;
      }
    case 'not_matches':
      if (typeof fieldValue !== 'string') return true;
      try {
        return !new RegExp(value).test(fieldValue);
      } catch {
        return true;
      }
    case 'exists': return fieldValue !== undefined && fieldValue !== null;
    case 'not_exists': return fieldValue === undefined || fieldValue === null;
    default: throw new Error(`Unknown operator: ${operator}`);
  }
}

function validateCondition(condition) {
  const errors = [];
  if (condition.conditions && Array.isArray(condition.conditions)) {
    if (!condition.logic || !['and', 'or'].includes(condition.logic)) {
      errors.push('Composite condition must have logic set to "and" or "or"');
    }
    if (condition.conditions.length === 0) {
      errors.push('Composite condition must have at least one sub-condition');
    }
    condition.conditions.forEach((child, i) => {
      for (const error of validateCondition(child)) errors.push(`Sub-condition ${i}: ${error}`);
    });
  } else {
    if (!condition.field) errors.push('Simple condition must have a field');
    if (!condition.operator) errors.push('Condition must have an operator');
    if (condition.operator && !OPERATORS.includes(condition.operator)) {
      errors.push(`Invalid operator: ${condition.operator}`);
    }
    if (condition.operator && !NO_VALUE_OPERATORS.includes(condition.operator) && condition.value === undefined) {
      errors.push(`Operator ${condition.operator} requires a value`);
    }
  }
  return errors;
}

function run(testCase) {
  try {
    if (testCase.kind === 'validate') return { errors: validateCondition(testCase.condition) };
    return { result: evaluateCondition(testCase.condition, testCase.event) };
  } catch (error) {
    return { error: error.message };
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(JSON.stringify(cases.map(run)));

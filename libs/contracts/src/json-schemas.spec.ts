import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, Validate, ValidateNested, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { validationJsonSchemas } from './json-schemas';

// Shapes no contract has yet, so that the next contract gets valid schemas without a per-field patch.
@ValidatorConstraint({ name: 'anything' })
class Anything implements ValidatorConstraintInterface {
  validate(): boolean {
    return true;
  }
}

class Leaf {
  @IsInt() size: number;
}

/** No validation rules of its own: any object passes. */
class Opaque {
  label?: string;
}

class Shapes {
  @ValidateNested() @Type(() => Leaf) leaves: Leaf[];
  @Validate(Anything) when: Date;
  @Validate(Anything) counts: number[];
  @IsDefined() @ValidateNested() @Type(() => Opaque) opaque: Opaque;
  @IsOptional() @ValidateNested() @Type(() => Leaf) @JSONSchema({ description: 'the leaf in front' }) front?: Leaf;
}

describe('validationJsonSchemas', () => {
  const shapes = (validationJsonSchemas('#/components/schemas/') as Record<string, { properties: Record<string, unknown>; required: string[] }>)[Shapes.name];

  it('describes an array validated as nested objects as an array of them, with or without `each`', () => {
    expect(shapes.properties.leaves).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Leaf' } });
  });

  it('takes what a custom rule cannot say from the property type', () => {
    expect(shapes.properties.when).toEqual({ type: 'string', format: 'date-time' });
    expect(shapes.properties.counts).toEqual({ type: 'array' });
  });

  it('never points at a schema that is not there, nor hides keywords beside a $ref', () => {
    expect(shapes.properties.opaque).toEqual({ type: 'object' });
    expect(shapes.properties.front).toEqual({ allOf: [{ $ref: '#/components/schemas/Leaf' }], description: 'the leaf in front' });
    expect(shapes.required).toEqual(['leaves', 'when', 'counts', 'opaque']);
  });
});

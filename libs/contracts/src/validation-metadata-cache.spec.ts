import { getMetadataStorage, IsInt, IsString, MetadataStorage } from 'class-validator';
import { validatePlain } from './validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('cacheValidationMetadata', () => {
  it('looks a class up once, and again after a rule is added', () => {
    const storage = new MetadataStorage();
    const lookup = jest.spyOn(storage, 'getTargetValidationMetadatas');
    cacheValidationMetadata(storage);
    class Dose {}
    storage.getTargetValidationMetadatas(Dose, '', false, false);
    storage.getTargetValidationMetadatas(Dose, '', false, false);
    expect(lookup).toHaveBeenCalledTimes(1);
    storage.getTargetValidationMetadatas(Dose, '', true, false);
    expect(lookup).toHaveBeenCalledTimes(2);

    IsInt()(Dose.prototype, 'cellsPerKg');
    storage.addValidationMetadata(getMetadataStorage().getTargetValidationMetadatas(Dose, '', false, false)[0]);
    storage.getTargetValidationMetadatas(Dose, '', false, false);
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it('applies a rule added to a class after it was first validated', () => {
    class Visit {
      @IsString() visitId!: string;
    }
    expect(validatePlain(Visit, { visitId: 'V1', window: 3 }, '', { unknownFields: 'drop' }).violations).toEqual([]);
    IsInt()(Visit.prototype, 'window');
    expect(validatePlain(Visit, { visitId: 'V1', window: 'three' }, '', { unknownFields: 'drop' }).violations.map((v) => v.field)).toEqual(['window']);
  });

  it('keeps the rules a class inherits', () => {
    class Event {
      @IsString() subjectId!: string;
    }
    class Infusion extends Event {
      @IsInt() number!: number;
    }
    validatePlain(Infusion, { subjectId: 'S1', number: 1 });
    expect(validatePlain(Infusion, { subjectId: 7, number: 'one' }).violations.map((v) => v.field).sort()).toEqual(['number', 'subjectId']);
  });
});

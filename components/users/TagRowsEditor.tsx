"use client";

import { buttonStyles } from "@/components/forms/buttonStyles";
import { MAX_TAGS, type StepErrors, type TagDraft } from "./wizard/draft";

/**
 * Key/value rows with Add and Remove, as the console's tag editors. Controlled: the owner keeps the
 * rows (the wizard in its draft, the Tags tab in its form), and the rows carry `name`s so a plain
 * form submission sends them as repeated tagKey/tagValue fields.
 */
export function TagRowsEditor({
  tags,
  onChange,
  errors = {},
}: {
  tags: readonly TagDraft[];
  onChange: (tags: TagDraft[]) => void;
  errors?: StepErrors;
}) {
  const nextId = () => tags.reduce((max, tag) => Math.max(max, tag.id), 0) + 1;
  const update = (id: number, change: Partial<TagDraft>) => onChange(tags.map((tag) => (tag.id === id ? { ...tag, ...change } : tag)));
  return (
    <div className="flex flex-col gap-3" data-testid="tag-editor">
      {tags.length === 0 && <p className="text-sm text-slate-600">No tags. A tag is a key and an optional value that you can use in policy conditions (aws:ResourceTag).</p>}
      {tags.map((tag, index) => (
        <div key={tag.id} className="grid grid-cols-1 items-start gap-2 sm:grid-cols-[1fr_1fr_auto]">
          <TagInput
            label={`Key ${index + 1}`}
            name="tagKey"
            value={tag.key}
            error={errors[`key-${tag.id}`]}
            onChange={(key) => update(tag.id, { key })}
            testId={`tag-key-${index}`}
          />
          <TagInput
            label={`Value ${index + 1} (optional)`}
            name="tagValue"
            value={tag.value}
            error={errors[`value-${tag.id}`]}
            onChange={(value) => update(tag.id, { value })}
            testId={`tag-value-${index}`}
          />
          <button
            type="button"
            className={`${buttonStyles.secondary} sm:mt-6`}
            onClick={() => onChange(tags.filter((other) => other.id !== tag.id))}
            aria-label={`Remove tag ${tag.key || index + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="flex items-center gap-3">
        <button
          type="button"
          className={buttonStyles.secondary}
          disabled={tags.length >= MAX_TAGS}
          onClick={() => onChange([...tags, { id: nextId(), key: "", value: "" }])}
          data-testid="add-tag"
        >
          Add new tag
        </button>
        <span className="text-xs text-slate-600">You can add {MAX_TAGS - tags.length} more tags.</span>
      </div>
      {errors.tags && <p className="text-sm font-medium text-red-700">{errors.tags}</p>}
    </div>
  );
}

function TagInput({
  label,
  name,
  value,
  error,
  onChange,
  testId,
}: {
  label: string;
  name: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
      {label}
      <input
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        className={
          "rounded-md border bg-white px-2.5 py-1.5 font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 " +
          (error ? "border-red-500" : "border-slate-300")
        }
      />
      {error && <span className="text-xs font-medium text-red-700">{error}</span>}
    </label>
  );
}

import { describe, expect, it } from 'vitest';
import { keyAction, leaveToControl } from './keys.js';

describe('keyAction', () => {
  it('maps the documented shortcuts', () => {
    expect(keyAction({ key: ' ' })).toBe('toggle-play');
    expect(keyAction({ key: 'k' })).toBe('toggle-play');
    expect(keyAction({ key: 'ArrowLeft' })).toBe('seek-back');
    expect(keyAction({ key: 'ArrowRight' })).toBe('seek-forward');
    expect(keyAction({ key: 'ArrowUp' })).toBe('volume-up');
    expect(keyAction({ key: 'ArrowDown' })).toBe('volume-down');
    expect(keyAction({ key: 'f' })).toBe('fullscreen');
    expect(keyAction({ key: 'm' })).toBe('mute');
    expect(keyAction({ key: 's' })).toBe('stats');
    expect(keyAction({ key: 'S' })).toBe('stats');
  });
  it('ignores other keys and modified keys', () => {
    expect(keyAction({ key: 'x' })).toBeUndefined();
    expect(keyAction({ key: 'Tab' })).toBeUndefined();
    expect(keyAction({ key: 'f', ctrlKey: true })).toBeUndefined();
    expect(keyAction({ key: 's', metaKey: true })).toBeUndefined();
    expect(keyAction({ key: 'ArrowLeft', altKey: true })).toBeUndefined();
  });
});

describe('leaveToControl', () => {
  it('lets buttons and menu items handle space and enter', () => {
    expect(leaveToControl(' ', { tag: 'button' })).toBe(true);
    expect(leaveToControl('Enter', { tag: 'button', role: 'menuitemradio' })).toBe(true);
    expect(leaveToControl('k', { tag: 'button' })).toBe(false);
    expect(leaveToControl('ArrowLeft', { tag: 'button' })).toBe(false);
  });
  it('lets sliders keep their arrows, except ←/→ on the seek bar', () => {
    expect(leaveToControl('ArrowUp', { tag: 'input', type: 'range', testid: 'volume' })).toBe(true);
    expect(leaveToControl('ArrowLeft', { tag: 'input', type: 'range', testid: 'volume' })).toBe(true);
    expect(leaveToControl('ArrowLeft', { tag: 'input', type: 'range', testid: 'seek' })).toBe(false);
    expect(leaveToControl('ArrowUp', { tag: 'input', type: 'range', testid: 'seek' })).toBe(true);
    expect(leaveToControl(' ', { tag: 'input', type: 'range', testid: 'seek' })).toBe(false);
  });
  it('leaves text entry alone', () => {
    expect(leaveToControl('k', { tag: 'input', type: 'text' })).toBe(true);
    expect(leaveToControl('s', { tag: 'textarea' })).toBe(true);
    expect(leaveToControl('m', { tag: 'div', editable: true })).toBe(true);
    expect(leaveToControl('m', { tag: 'div' })).toBe(false);
  });
});
